import { expect, test } from 'vitest'
import { createManualClock } from './manual-clock.ts'

test('timers run only when advanced, in time order, including timers they set', () => {
  const clock = createManualClock()
  const log: string[] = []
  const { timers } = clock
  timers.setTimeout(() => log.push(`b@${timers.now()}`), 20)
  timers.setTimeout(() => {
    log.push(`a@${timers.now()}`)
    timers.setTimeout(() => log.push(`c@${timers.now()}`), 5)
  }, 10)
  const cancelled = timers.setTimeout(() => log.push('never'), 15)
  timers.clearTimeout(cancelled)
  expect(clock.pending).toBe(2)
  clock.advance(9)
  expect(log).toEqual([])
  clock.advance(11)
  expect(log).toEqual(['a@10', 'c@15', 'b@20'])
  expect(timers.now()).toBe(20)
  expect(clock.pending).toBe(0)
})
