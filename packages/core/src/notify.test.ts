import { atom } from 'nanostores'
import { afterEach, expect, test, vi } from 'vitest'
import { setup } from '../test/harness.ts'
import { createNotifyManager, notifyManager } from './notify.ts'

afterEach(() => {
  vi.useRealTimers()
})

test('schedule runs callbacks in order in one flush; each store notifies its subscribers once', () => {
  vi.useFakeTimers()
  const notify = createNotifyManager()
  const $n = atom(0)
  const seen: number[] = []
  $n.listen((n) => seen.push(n))
  for (let i = 1; i <= 5; i++) notify.schedule(() => $n.set(i))
  expect(seen).toEqual([])
  vi.advanceTimersByTime(16)
  expect(seen).toEqual([5])
})

test('a callback that throws does not stop the flush', () => {
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const notify = createNotifyManager({ scheduler: () => {} })
  const ran: string[] = []
  notify.schedule(() => {
    throw new Error('boom')
  })
  notify.schedule(() => ran.push('second'))
  notify.flush()
  expect(ran).toEqual(['second'])
  expect(error).toHaveBeenCalled()
  error.mockRestore()
})

test('a store subscriber that throws does not silence the others or escape the flush', () => {
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const notify = createNotifyManager({ scheduler: () => {} })
  const $n = atom(0)
  const seen: number[] = []
  $n.listen(() => {
    throw new Error('bad subscriber')
  })
  $n.listen((n) => seen.push(n))
  notify.schedule(() => $n.set(1))
  expect(() => notify.flush()).not.toThrow()
  expect(seen).toEqual([1])
  expect(error).toHaveBeenCalledWith('wirestate: a store subscriber threw', expect.any(Error))
  error.mockRestore()
})

test('the default scheduler folds a burst spread over many socket tasks into one notification', async () => {
  const h = setup()
  const room = await h.joined()
  h.notify.setScheduler((flush) => setTimeout(flush, 16))
  const $messages = atom<unknown[]>([])
  room.on('new_msg', (m) => $messages.set([...$messages.get(), m]))
  const notified = vi.fn()
  $messages.listen(notified)
  // 1,000 frames, each in its own macrotask, as a WebSocket delivers them.
  for (let i = 0; i < 1000; i++) {
    setTimeout(() => h.receive([null, null, 'room:1', 'new_msg', { i }]), 0)
  }
  await vi.advanceTimersByTimeAsync(16)
  expect($messages.get()).toHaveLength(1000)
  expect(notified).toHaveBeenCalledTimes(1)
})

test('each notify manager has its own queue and scheduler; the default one is shared', () => {
  const a: Array<() => void> = []
  const b: Array<() => void> = []
  const first = createNotifyManager({ scheduler: (flush) => a.push(flush) })
  const second = createNotifyManager({ scheduler: (flush) => b.push(flush) })
  const ran: string[] = []
  first.schedule(() => ran.push('first'))
  second.schedule(() => ran.push('second'))
  expect([a.length, b.length]).toEqual([1, 1])
  second.flush()
  expect(ran).toEqual(['second'])
  first.setScheduler(() => {})
  first.flush()
  expect(ran).toEqual(['second', 'first'])
  expect(notifyManager).not.toBe(first)
})
