import { afterEach, expect, test, vi } from 'vitest'
import { MockStream, type StreamEntry } from './mock-stream.ts'

afterEach(() => {
  vi.useRealTimers()
})

function stream() {
  const published: StreamEntry[] = []
  return { room: new MockStream('room:1', (e) => published.push(e)), published }
}

test('append gives ids from the clock and publishes each entry', () => {
  vi.useFakeTimers({ now: 1000, toFake: ['Date'] })
  const { room, published } = stream()
  expect(room.lastId).toBeNull()
  expect([room.append('a'), room.append('b', { x: 1 })]).toEqual(['1000-0', '1000-1'])
  vi.setSystemTime(1001)
  expect(room.append('c')).toBe('1001-0')
  expect(published.map((e) => [e.id, e.event, e.payload])).toEqual([
    ['1000-0', 'a', {}],
    ['1000-1', 'b', { x: 1 }],
    ['1001-0', 'c', {}],
  ])
  expect(room.lastId).toBe('1001-0')
})

test('since: entries after the id; recovered while history reaches back', () => {
  vi.useFakeTimers({ now: 1000, toFake: ['Date'] })
  const { room } = stream()
  expect(room.since('999-0')).toEqual({ entries: [], recovered: false }) // never stored anything
  const [a, b, c] = ['a', 'b', 'c'].map((event) => room.append(event)) as [string, string, string]
  expect(room.since(a).entries.map((e) => e.id)).toEqual([b, c])
  expect(room.since(a).recovered).toBe(true)
  expect(room.since(c)).toEqual({ entries: [], recovered: true })
  expect(room.since('999-9').recovered).toBe(false) // older than anything stored
  expect(room.since('not an id')).toEqual({ entries: [], recovered: false })

  room.trim(1)
  expect(room.entries.map((e) => e.id)).toEqual([c])
  expect(room.since(a)).toMatchObject({ recovered: false, entries: [{ id: c }] })
  expect(room.since(b)).toMatchObject({ recovered: true, entries: [{ id: c }] })
  room.trim(0)
  expect(room.since(c)).toEqual({ entries: [], recovered: true })
  expect(room.lastId).toBe(c)
})
