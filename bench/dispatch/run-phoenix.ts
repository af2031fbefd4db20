import { atom } from 'nanostores'
import { Socket } from 'phoenix'
import { BenchWebSocket } from '../fake-websocket.ts'
import { startStopwatch } from '../stopwatch.ts'
import { deliver } from './deliver.ts'
import { otherTopics, TOPIC } from './frames.ts'

/** What one timed run measured. */
export interface DispatchRun {
  /** Messages that reached the `on()` handler. */
  handled: number
  /** Times the subscribed atom notified its listener (0 without an atom). */
  notifications: number
  ms: number
}

/**
 * Feeds `frames` to the official phoenix client through the in-process socket.
 * `withAtom`: the handler writes each message into a subscribed nanostores atom,
 * the way an app would wire phoenix.js into reactive state. `channels`: how many
 * channels are joined (the frames are all for the first one).
 */
export async function runPhoenix(
  frames: string[],
  withAtom: boolean,
  perTask: number,
  channels = 1,
): Promise<DispatchRun> {
  const socket = new Socket('ws://bench.local/socket', {
    transport: BenchWebSocket as unknown as typeof WebSocket,
    heartbeatIntervalMs: 3_600_000,
  })
  socket.connect()
  const channel = socket.channel(TOPIC)
  let handled = 0
  let notifications = 0
  const $last = atom<unknown>(null)
  const unlisten = withAtom ? $last.listen(() => notifications++) : undefined
  channel.on('new_msg', (payload) => {
    handled++
    if (withAtom) $last.set(payload)
  })
  const joins = [channel, ...otherTopics(channels - 1).map((t) => socket.channel(t))].map(
    (c) => new Promise((resolve) => c.join().receive('ok', resolve)),
  )
  await Promise.all(joins)
  const ws = BenchWebSocket.last as BenchWebSocket
  const elapsed = startStopwatch()
  await deliver(ws, frames, perTask)
  const ms = elapsed()
  unlisten?.()
  socket.disconnect()
  return { handled, notifications, ms }
}
