import type { InspectEntry } from '@wirestate/core'
import { describe, expect, test } from 'vitest'
import { Session } from './session.ts'
import { TimelineQuery } from './timeline-query.ts'

const message = (time: number, topic: string, body: string): InspectEntry => ({
  kind: 'event',
  event: { type: 'MessageReceived', time, topic, event: 'new_msg', payload: { body } },
})
const times = (query: TimelineQuery) =>
  Array.from({ length: query.count }, (_, i) => query.at(i)?.time)

describe('TimelineQuery', () => {
  test('without a filter it is the whole buffer', () => {
    const session = new Session()
    session.ingest(message(1, 'a', 'x'))
    session.ingest(message(2, 'b', 'y'))
    const query = new TimelineQuery(session.timeline)
    query.refresh()
    expect([query.active, times(query)]).toEqual([false, [1, 2]])
  })

  test('narrows by topic, type and case-insensitive text, and follows new records', () => {
    const session = new Session()
    const query = new TimelineQuery(session.timeline)
    session.ingest(message(1, 'a', 'Hello'))
    session.ingest(message(2, 'b', 'hello'))
    session.ingest({ kind: 'command', command: { type: 'LeaveChannel', time: 3, topic: 'a' } })
    query.setFilter({ topic: 'a', type: '', text: '' })
    query.refresh()
    expect(times(query)).toEqual([1, 3])
    query.setFilter({ topic: '', type: 'MessageReceived', text: 'HELLO' })
    query.refresh()
    expect(times(query)).toEqual([1, 2])
    session.ingest(message(4, 'c', 'hello again'))
    session.ingest(message(5, 'c', 'bye'))
    query.refresh()
    expect(times(query)).toEqual([1, 2, 4])
  })

  test('drops matches the ring evicted and survives a clear', () => {
    const session = new Session({ capacity: 4 })
    const query = new TimelineQuery(session.timeline)
    query.setFilter({ topic: 'a', type: '', text: '' })
    for (let i = 1; i <= 6; i++) session.ingest(message(i, i % 2 ? 'a' : 'b', ''))
    query.refresh()
    expect(times(query)).toEqual([3, 5])
    for (let i = 7; i <= 3_000; i++) {
      session.ingest(message(i, i % 2 ? 'a' : 'b', ''))
      query.refresh()
    }
    expect(times(query)).toEqual([2_997, 2_999])
    session.clear()
    query.refresh()
    expect(query.count).toBe(0)
    session.ingest(message(9_000, 'a', ''))
    query.refresh()
    expect(times(query)).toEqual([9_000])
  })

  test('counts the rows that left the top, filtered or not, so a scrolled list can hold still', () => {
    const session = new Session({ capacity: 4 })
    const query = new TimelineQuery(session.timeline)
    for (let i = 1; i <= 6; i++) session.ingest(message(i, i % 2 ? 'a' : 'b', ''))
    query.refresh()
    expect(query.removed).toBe(2) // 1 and 2 evicted
    query.setFilter({ topic: 'a', type: '', text: '' })
    query.refresh()
    expect([query.removed, times(query)]).toEqual([0, [3, 5]])
    session.ingest(message(7, 'a', ''))
    session.ingest(message(8, 'b', ''))
    query.refresh()
    expect([query.removed, times(query)]).toEqual([1, [5, 7]]) // 3 left the top
  })

  test('searches what is shown: a redacted secret cannot be found', () => {
    const session = new Session()
    session.ingest({
      kind: 'command',
      command: { type: 'JoinChannel', time: 1, topic: 'a', payload: { token: 'sup3rs3cret' } },
    })
    const query = new TimelineQuery(session.timeline)
    query.setFilter({ topic: '', type: '', text: 'sup3rs3cret' })
    query.refresh()
    expect(query.count).toBe(0)
    query.setFilter({ topic: '', type: '', text: 'redacted' })
    query.refresh()
    expect(query.count).toBe(1)
  })
})
