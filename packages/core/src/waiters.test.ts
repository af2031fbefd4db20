import { afterEach, expect, test, vi } from 'vitest'
import { DEFAULT_OPTIONS } from './options.ts'
import { Waiters } from './waiters.ts'

afterEach(() => {
  vi.useRealTimers()
})

test('a timeout fails only its own call; the others settle together, and no timer is left', async () => {
  vi.useFakeTimers()
  const waiters = new Waiters<string>(DEFAULT_OPTIONS.timers)
  const seen: string[] = []
  const record = (name: string, p: Promise<string>) =>
    p.then((v) => seen.push(`${name} ${v}`)).catch((e: Error) => seen.push(`${name} ${e.message}`))
  record(
    'short',
    waiters.add(100, () => new Error('late')),
  )
  record(
    'long',
    waiters.add(1_000, () => new Error('late')),
  )
  record('forever', waiters.add())
  await vi.advanceTimersByTimeAsync(100)
  expect(seen).toEqual(['short late'])
  expect(waiters.size).toBe(2)
  waiters.resolve('joined')
  await vi.advanceTimersByTimeAsync(0)
  expect(seen).toEqual(['short late', 'long joined', 'forever joined'])
  expect(vi.getTimerCount()).toBe(0)
  expect(waiters.reject(new Error('gone'))).toBe(0)
})

test('reject fails every call waiting and says how many; a call nobody awaits is not unhandled', async () => {
  const waiters = new Waiters<void>(DEFAULT_OPTIONS.timers)
  const awaited = waiters.add()
  waiters.add() // not awaited: rejecting it must not be an unhandled rejection
  expect(waiters.reject(new Error('closed'))).toBe(2)
  await expect(awaited).rejects.toThrow('closed')
})
