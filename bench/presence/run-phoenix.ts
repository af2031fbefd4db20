import { Presence, Socket } from 'phoenix'
import { deliver } from '../dispatch/deliver.ts'
import { BenchWebSocket } from '../fake-websocket.ts'
import { startStopwatch } from '../stopwatch.ts'
import { type PresenceFrames, TOPIC } from './frames.ts'

/** What one timed run measured. */
export interface PresenceRun {
  /** Times the UI side was told of a change (phoenix: onSync; wirestate: $members). */
  notifications: number
  /** Sum of the list lengths read, so the reads cannot be optimized away. */
  read: number
  /** The keys present at the end, sorted. */
  members: string[]
  /** Time from the first diff to the last one applied (the state is not timed). */
  ms: number
}

/**
 * phoenix.js's `Presence` on the official client, the way its docs wire a UI:
 * `list()` on every `onSync`. Frames go through the same in-process socket.
 */
export async function runPhoenix(frames: PresenceFrames, perTask: number): Promise<PresenceRun> {
  const socket = new Socket('ws://bench.local/socket', {
    transport: BenchWebSocket as unknown as typeof WebSocket,
    heartbeatIntervalMs: 3_600_000,
  })
  socket.connect()
  const channel = socket.channel(TOPIC)
  const presence = new Presence(channel)
  let notifications = 0
  let read = 0
  presence.onSync(() => {
    notifications++
    read += presence.list().length
  })
  await new Promise((resolve) => channel.join().receive('ok', resolve))
  const ws = BenchWebSocket.last as BenchWebSocket
  ws.receive(frames.state)
  const before = notifications
  const elapsed = startStopwatch()
  await deliver(ws, frames.diffs, perTask)
  const ms = elapsed()
  const members = presence.list((key) => key).sort()
  socket.disconnect()
  return { notifications: notifications - before, read, members, ms }
}
