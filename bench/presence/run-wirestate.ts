import { createClient, notifyManager, type WebSocketConstructor } from '@wirestate/core'
import { presence } from '@wirestate/core/presence'
import { deliver } from '../dispatch/deliver.ts'
import { BenchWebSocket } from '../fake-websocket.ts'
import { startStopwatch } from '../stopwatch.ts'
import { type PresenceFrames, TOPIC } from './frames.ts'
import type { PresenceRun } from './run-phoenix.ts'

/**
 * How the wirestate run reads and flushes.
 * - `read`: the listener reads `$members` (its size and the map), as a component that
 *   renders a count or looks members up does.
 * - `list`: the listener builds the member array (`[...members.values()]`), as a
 *   component that renders the whole list does; the same work as phoenix's `list()`.
 * `perFrameFlush`: every frame is flushed on its own, so `$members` notifies once per
 * diff, like phoenix's `onSync`; otherwise the default 16 ms notify window batches.
 */
export interface WirestateMode {
  reader: 'read' | 'list'
  perFrameFlush: boolean
}

/** `presence(channel).$members` with a subscriber, fed the same frames as phoenix. */
export async function runWirestate(
  frames: PresenceFrames,
  perTask: number,
  mode: WirestateMode,
): Promise<PresenceRun> {
  if (mode.perFrameFlush) notifyManager.setScheduler((flush) => flush())
  const client = createClient({
    url: 'ws://bench.local/socket',
    WebSocket: BenchWebSocket as unknown as WebSocketConstructor,
    heartbeatIntervalMs: 3_600_000,
  })
  const channel = client.channel(TOPIC)
  const { $members } = presence(channel, { leaveDelayMs: 0 })
  let notifications = 0
  let read = 0
  const unsubscribe = $members.listen((members) => {
    notifications++
    read += mode.reader === 'list' ? [...members.values()].length : members.size
  })
  await new Promise<void>((resolve) => {
    const off = channel.$state.subscribe((s) => {
      if (s.status !== 'joined') return
      queueMicrotask(() => off())
      resolve()
    })
  })
  const ws = BenchWebSocket.last as BenchWebSocket
  ws.receive(frames.state)
  notifyManager.flush()
  const before = notifications
  const elapsed = startStopwatch()
  await deliver(ws, frames.diffs, perTask)
  // The last window's frames are folded by a flush now, as its timer would.
  notifyManager.flush()
  const ms = elapsed()
  const members = [...($members.value?.keys() ?? [])].sort()
  unsubscribe()
  client.disconnect()
  notifyManager.setScheduler((flush) => setTimeout(flush, 16))
  return { notifications: notifications - before, read, members, ms }
}
