import { createClient, notifyManager, type WebSocketConstructor } from '@wirestate/core'
import { atom } from 'nanostores'
import { BenchWebSocket } from '../fake-websocket.ts'
import { startStopwatch } from '../stopwatch.ts'
import { deliver } from './deliver.ts'
import { otherTopics, TOPIC } from './frames.ts'
import type { DispatchRun } from './run-phoenix.ts'

/**
 * Feeds `frames` to a wirestate client through the in-process socket. wirestate
 * runs `on()` callbacks in its notify flush, so the flush is inside the timed
 * region. `withAtom`: the handler writes each message into a subscribed atom, as
 * with phoenix; being inside the flush's batch, subscribers hear once per flush.
 */
export async function runWirestate(
  frames: string[],
  withAtom: boolean,
  perTask: number,
  channels = 1,
): Promise<DispatchRun> {
  const client = createClient({
    url: 'ws://bench.local/socket',
    WebSocket: BenchWebSocket as unknown as WebSocketConstructor,
    heartbeatIntervalMs: 3_600_000,
  })
  const channel = client.channel(TOPIC)
  let handled = 0
  let notifications = 0
  const $last = atom<unknown>(null)
  const unlisten = withAtom ? $last.listen(() => notifications++) : undefined
  channel.on('new_msg', (payload) => {
    handled++
    if (withAtom) $last.set(payload)
  })
  await Promise.all(
    [channel, ...otherTopics(channels - 1).map((t) => client.channel(t))].map((c) => c.join()),
  )
  const ws = BenchWebSocket.last as BenchWebSocket
  const elapsed = startStopwatch()
  await deliver(ws, frames, perTask)
  // on() callbacks run in the notify flush (its timer fires between tasks); the
  // frames of the last window are folded by a flush now, as its timer would.
  notifyManager.flush()
  const ms = elapsed()
  unlisten?.()
  client.disconnect()
  return { handled, notifications, ms }
}
