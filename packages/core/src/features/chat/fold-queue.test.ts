import { onSet, type WritableAtom } from 'nanostores'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { chatRoom, msg, stored } from '../../../test/chat-harness.ts'
import { createNotifyManager } from '../../notify.ts'
import { createFoldQueue } from './fold-queue.ts'
import type { ChatMessage } from './message-list.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('createFoldQueue', () => {
  test('folds the first item at once and the rest together in the next flush, in order', () => {
    const scheduled: Array<() => void> = []
    const notify = createNotifyManager({ scheduler: (flush) => scheduled.push(flush) })
    const folds: number[][] = []
    const add = createFoldQueue<number>(notify, (items) => folds.push([...items]))
    add(1)
    add(2)
    add(3)
    expect(folds).toEqual([[1]])
    scheduled.shift()?.()
    add(4)
    expect(folds).toEqual([[1], [2, 3], [4]])
    scheduled.shift()?.()
    expect(folds).toEqual([[1], [2, 3], [4]])
    add(5)
    expect(folds).toEqual([[1], [2, 3], [4], [5]])
  })
})

describe('back-pressure', () => {
  test('1,000 frames in 10 tasks: $messages notifies at most twice and the list is copied at most twice', async () => {
    const held = Array.from({ length: 500 }, (_, i) => stored(`${1_000 + i}-0`))
    const { h, c } = await chatRoom({ maxMessages: 2_000 }, { messages: held, more: false })
    // The real flush scheduling (16 ms), on the fake clock.
    h.notify.setScheduler((flush) => setTimeout(flush, 16))
    let notified = 0
    let copies = 0
    c.$messages.listen(() => notified++)
    onSet(c.$messages as WritableAtom<readonly ChatMessage[]>, () => {
      copies++
    })
    for (let task = 0; task < 10; task++) {
      for (let i = 0; i < 100; i++) h.receive(msg(`${2_000 + task * 100 + i}-0`))
      await vi.advanceTimersByTimeAsync(1)
    }
    await vi.advanceTimersByTimeAsync(40)
    expect(c.$messages.value).toHaveLength(1_500)
    expect(c.$messages.value?.at(-1)?.id).toBe('2999-0')
    expect(notified).toBeGreaterThanOrEqual(1)
    expect(notified).toBeLessThanOrEqual(2)
    expect(copies).toBeLessThanOrEqual(2)
    expect(h.events('MessagesCoalesced')).toMatchObject([{ event: 'new_msg', count: 1_000 }])
  })
})
