import { expect, test } from 'vitest'
import { createOutboundBuffer } from './outbound-buffer.ts'

test('holds up to its capacity and hands items back by topic, in order', () => {
  const buffer = createOutboundBuffer<{ topic: string; n: number }>(3)
  expect(buffer.add({ topic: 'a', n: 1 })).toBe(true)
  expect(buffer.add({ topic: 'b', n: 2 })).toBe(true)
  expect(buffer.add({ topic: 'a', n: 3 })).toBe(true)
  expect(buffer.add({ topic: 'a', n: 4 })).toBe(false)
  expect(buffer.take((i) => i.topic === 'a')).toEqual([
    { topic: 'a', n: 1 },
    { topic: 'a', n: 3 },
  ])
  expect(buffer.add({ topic: 'c', n: 5 })).toBe(true)
  expect(buffer.take(() => true).map((i) => i.n)).toEqual([2, 5])
})
