import { describe, expect, test } from 'vitest'
import { REPLAY_LIMIT, SharedTopic } from './shared-topic.ts'

const id = (n: number) => `${n}-0`

describe('SharedTopic', () => {
  test('the wire join resumes after the oldest last id of its tabs; each tab gets each message once, after its own', () => {
    const topic = new SharedTopic('room:1')
    topic.hold('a', id(9))
    topic.hold('b', id(4))
    topic.hold('c', undefined) // a tab that had no stream message yet
    expect(topic.ask('a', { nick: 'ann', since: id(9) })).toBe('join')
    expect(topic.joinPayload({ nick: 'ann', since: id(9) })).toEqual({ nick: 'ann', since: id(4) })
    topic.wire = 'joining' // the hub sent it
    expect(topic.ask('b', { since: id(4) })).toBe('wait')
    expect(topic.joined({ recovered: true })).toEqual(['a', 'b'])
    const to = (n: number) => topic.message('new_msg', { id: id(n) })
    expect(to(5)).toEqual(['b', 'c'])
    expect(to(9)).toEqual(['b', 'c'])
    expect(to(10)).toEqual(['a', 'b', 'c'])
    expect(to(10)).toEqual([]) // a duplicate: nobody
    expect(topic.message('typing', { user: 'x' })).toEqual(['a', 'b', 'c']) // no id: everyone
  })

  test('a join asked while one is on its way waits for it; a fatal refusal drops the tabs that asked', () => {
    const topic = new SharedTopic('room:1')
    expect(topic.ask('a', {})).toBe('join')
    topic.wire = 'joining'
    expect(topic.ask('b', {})).toBe('wait')
    expect(topic.refused(false)).toEqual(['a', 'b'])
    expect([...topic.members.keys()]).toEqual(['a', 'b'])
    topic.ask('a', {})
    expect(topic.refused(true)).toEqual(['a'])
    expect([...topic.members.keys()]).toEqual(['b'])
  })

  test('a late tab is replayed what it missed while the hub holds it, else told recovered: false', () => {
    const topic = new SharedTopic('room:1')
    topic.ask('a', {})
    topic.joinPayload({})
    topic.joined({ recovered: true })
    for (let n = 1; n <= REPLAY_LIMIT + 2; n++) topic.message('new_msg', { id: id(n) })
    topic.ask('b', { since: id(REPLAY_LIMIT) })
    expect(
      topic.lateJoin('b').map((e) => (e.type === 'MessageReceived' ? e.payload : e.type)),
    ).toEqual(['ChannelJoined', { id: id(REPLAY_LIMIT + 1) }, { id: id(REPLAY_LIMIT + 2) }])
    // The first two fell out of the log: a tab at 1 cannot be given 2.
    topic.ask('c', { since: id(1) })
    expect(topic.lateJoin('c')).toEqual([
      { type: 'ChannelJoined', topic: 'room:1', response: { recovered: false } },
    ])
    topic.ask('d', { since: id(2) })
    expect(topic.lateJoin('d')).toHaveLength(1 + REPLAY_LIMIT)
  })

  test('a server-side gap starts every tab over', () => {
    const topic = new SharedTopic('room:1')
    topic.ask('a', {})
    topic.joinPayload({})
    topic.joined({})
    topic.message('new_msg', { id: id(7) })
    topic.message('stream_gap', { recovered: false })
    // Ids may start lower after the server lost its stream: they still reach the tab.
    expect(topic.message('new_msg', { id: id(1) })).toEqual(['a'])
  })
})
