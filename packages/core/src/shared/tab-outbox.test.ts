import { afterEach, expect, test, vi } from 'vitest'
import { DEFAULT_OPTIONS } from '../options.ts'
import type { HubMessage } from './messages.ts'
import { TabOutbox } from './tab-outbox.ts'

afterEach(() => {
  vi.useRealTimers()
})

test('a lone item goes at the end of its task; a flood goes once per batchMs, in order', async () => {
  vi.useFakeTimers()
  const posted: { at: number; items: unknown[] }[] = []
  const post = (m: HubMessage) => {
    if (m.type === 'items')
      posted.push({ at: Date.now(), items: m.items.map((i) => i.kind === 'event' && i.event.type) })
  }
  const outbox = new TabOutbox(post, DEFAULT_OPTIONS.timers, 8)
  const start = Date.now()
  outbox.add({ kind: 'event', event: { type: 'SocketOpened' } })
  await Promise.resolve()
  expect(posted).toEqual([{ at: start, items: ['SocketOpened'] }])
  // Three more in the next 5 ms: they wait for the 8 ms mark, then go together.
  for (const ms of [1, 2, 2]) {
    await vi.advanceTimersByTimeAsync(ms)
    outbox.add({ kind: 'event', event: { type: 'HeartbeatMissed' } })
  }
  await vi.advanceTimersByTimeAsync(2)
  expect(posted).toHaveLength(1)
  await vi.advanceTimersByTimeAsync(1)
  expect(posted[1]).toEqual({
    at: start + 8,
    items: ['HeartbeatMissed', 'HeartbeatMissed', 'HeartbeatMissed'],
  })
  // Quiet for longer than the window: the next goes at once again.
  await vi.advanceTimersByTimeAsync(20)
  outbox.add({ kind: 'event', event: { type: 'SocketOpened' } })
  await Promise.resolve()
  expect(posted[2]).toEqual({ at: start + 28, items: ['SocketOpened'] })
})
