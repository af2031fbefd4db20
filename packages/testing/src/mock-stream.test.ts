import { MemoryHub, type TopicEvent } from '@wirestate/engine'
import { afterEach, expect, test, vi } from 'vitest'
import { MockStream } from './mock-stream.ts'

afterEach(() => {
  vi.useRealTimers()
})

function stream() {
  const hub = new MemoryHub()
  const published: TopicEvent[] = []
  hub.listen('room:1', (event) => published.push(event))
  return { hub, room: new MockStream('room:1', hub), published }
}

test('append gives ids from the clock and publishes each entry with its id', async () => {
  vi.useFakeTimers({ now: 1000, toFake: ['Date'] })
  const { room, published } = stream()
  expect(room.lastId).toBeNull()
  expect([room.append('a'), room.append('b', { x: 1 })]).toEqual(['1000-0', '1000-1'])
  vi.setSystemTime(1001)
  expect(room.append('c')).toBe('1001-0')
  await Promise.resolve()
  expect(published.map((e) => e.type === 'message' && [e.id, e.event, e.payload])).toEqual([
    ['1000-0', 'a', {}],
    ['1000-1', 'b', { x: 1 }],
    ['1001-0', 'c', {}],
  ])
  expect(room.lastId).toBe('1001-0')
})

test('a rejoin with since is recovered while history reaches back; trim forgets', () => {
  vi.useFakeTimers({ now: 1000, toFake: ['Date'] })
  const { hub, room } = stream()
  const since = (id: string) => hub.stream('room:1')?.since(id)
  expect(since('999-0')).toEqual({ entries: [], complete: false }) // never stored anything
  const [a, b, c] = ['a', 'b', 'c'].map((event) => room.append(event)) as [string, string, string]
  expect(since(a)).toMatchObject({ complete: true, entries: [{ id: b }, { id: c }] })
  expect(since(c)).toEqual({ entries: [], complete: true })
  expect(since('999-9')?.complete).toBe(false) // older than anything stored

  room.trim(1)
  expect(room.entries.map((e) => e.id)).toEqual([c])
  expect(since(a)).toMatchObject({ complete: false, entries: [{ id: c }] })
  expect(since(b)).toMatchObject({ complete: true, entries: [{ id: c }] })
  room.trim(0)
  expect(since(c)).toEqual({ entries: [], complete: true })
  expect(room.lastId).toBe(c)
})
