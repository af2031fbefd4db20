import { describe, expect, test } from 'vitest'
import { orderStreamIds } from '../stream.ts'
import { ReadTracker, readState } from './read-state.ts'

const none = () => false

describe('readState', () => {
  test('reads the wire state; nothing without a numeric unread', () => {
    expect(
      readState({ unread: 2, latest: '9-0', read_through: '1-0', read: ['5-0', 'x'] }),
    ).toEqual({
      unread: 2,
      latest: '9-0',
      readThrough: '1-0',
      read: ['5-0'],
    })
    expect(readState({ unread: 0, latest: null, read_through: null })).toEqual({
      unread: 0,
      latest: null,
      readThrough: null,
      read: [],
    })
    expect(readState({ joined: 'user:carol:notifications' })).toBeUndefined()
    expect(orderStreamIds('999-0', '1000-0')).toBeLessThan(0)
  })
})

describe('ReadTracker', () => {
  test('unread: the server count, less marks on their way, plus unread ones after its latest', () => {
    const reads = new ReadTracker()
    reads.server({ unread: 3, latest: '10-0', readThrough: '2-0', read: ['5-0'] })
    reads.received('9-0')
    reads.received('11-0')
    reads.received('12-0')
    expect(reads.unread([], none)).toBe(5)
    // Read by the server already: marking it again changes nothing.
    const again = reads.marking('5-0')
    const first = reads.marking('6-0')
    const second = reads.marking('6-0')
    const after = reads.marking('12-0')
    expect(reads.unread(['6-0', '1-0'], none)).toBe(3)
    first()
    expect(reads.unread([], none)).toBe(3)
    second()
    again()
    after()
    expect(reads.unread([], none)).toBe(5)
    expect(reads.newest()).toBe('12-0')
  })

  test('a page that says read counts as read even when the state is older', () => {
    const reads = new ReadTracker()
    reads.server({ unread: 2, latest: '4-0', readThrough: null, read: [] })
    expect(reads.unread(['3-0', '4-0'], (id) => id === '3-0')).toBe(1)
  })

  test('mark-all up to the latest zeroes the server part; short of it, only what is known is taken off', () => {
    const reads = new ReadTracker()
    reads.server({ unread: 4, latest: '8-0', readThrough: null, read: [] })
    reads.received('9-0')
    const all = reads.markingAll('8-0')
    expect(reads.unread([], none)).toBe(1)
    all()
    const some = reads.markingAll('5-0')
    expect(reads.unread(['4-0', '5-0', '6-0'], none)).toBe(3)
    some()
    // A newer state drops the notifications it now covers from "after".
    reads.server({ unread: 1, latest: '9-0', readThrough: '8-0', read: [] })
    expect(reads.unread([], none)).toBe(1)
  })
})
