import type { InspectEntry } from '@wirestate/core'
import { describe, expect, test } from 'vitest'
import { ChannelTable } from './channels.ts'
import { applyPresenceDiff, applyPresenceState, type PresenceMembers } from './presence.ts'

const command = (command: Record<string, unknown>): InspectEntry =>
  ({ kind: 'command', command: { time: 1, ...command } }) as InspectEntry
const event = (event: Record<string, unknown>): InspectEntry =>
  ({ kind: 'event', event: { time: 2, ...event } }) as InspectEntry
const message = (topic: string, name: string, payload: unknown, time = 3) =>
  event({ type: 'MessageReceived', topic, event: name, payload, time })

describe('ChannelTable', () => {
  test('follows a channel through join, messages, socket loss, rejoin and leave', () => {
    const table = new ChannelTable()
    const seen: string[] = []
    const apply = (entry: InspectEntry) => {
      table.apply(entry)
      seen.push(table.get('room:1')?.state ?? 'none')
    }
    apply(command({ type: 'JoinChannel', topic: 'room:1', payload: { token: 't', nick: 'a' } }))
    apply(event({ type: 'ChannelJoined', topic: 'room:1', response: {} }))
    apply(command({ type: 'PushMessage', topic: 'room:1', event: 'x', payload: {}, pushId: 1 }))
    apply(event({ type: 'ReplyReceived', topic: 'room:1', pushId: 1, status: 'ok', response: {} }))
    apply(message('room:1', 'new_msg', { body: 'hi' }, 9))
    apply(event({ type: 'SocketClosed', code: 1006, reason: '', closeClass: 'retry' }))
    apply(command({ type: 'JoinChannel', topic: 'room:1', payload: { nick: 'b' } }))
    apply(event({ type: 'ChannelJoined', topic: 'room:1', response: {} }))
    apply(command({ type: 'LeaveChannel', topic: 'room:1' }))
    apply(event({ type: 'ChannelLeft', topic: 'room:1', time: 20 }))
    expect(seen).toEqual([
      'joining',
      'joined',
      'joined',
      'joined',
      'joined',
      'offline',
      'joining',
      'joined',
      'leaving',
      'left',
    ])
    expect(table.get('room:1')).toMatchObject({
      joins: 2,
      messagesIn: 2,
      messagesOut: 1,
      lastActivity: 20,
      params: { nick: 'b' },
    })
  })

  test('a refused join keeps its reason; errors and closes show', () => {
    const table = new ChannelTable()
    table.apply(command({ type: 'JoinChannel', topic: 'a', payload: {} }))
    table.apply(
      event({ type: 'ChannelJoinRejected', topic: 'a', reason: 'unauthorized', response: {} }),
    )
    table.apply(event({ type: 'ChannelErrored', topic: 'b' }))
    table.apply(event({ type: 'ChannelClosed', topic: 'c' }))
    expect(table.list().map((c) => [c.topic, c.state, c.reason])).toEqual([
      ['a', 'rejected', 'unauthorized'],
      ['b', 'errored', undefined],
      ['c', 'closed', undefined],
    ])
  })

  test('a channel first seen by a message (joined before mounting) counts as joined', () => {
    const table = new ChannelTable()
    table.apply(message('room:9', 'x', {}))
    expect(table.get('room:9')?.state).toBe('joined')
  })

  test('keeps presence members from presence_state and presence_diff', () => {
    const table = new ChannelTable()
    const meta = (ref: string, extra = {}) => ({ phx_ref: ref, ...extra })
    table.apply(message('room:1', 'presence_state', { ann: { metas: [meta('A1')] } }))
    table.apply(
      message('room:1', 'presence_diff', {
        joins: { bob: { metas: [meta('B1')] }, ann: { metas: [meta('A2')] } },
        leaves: {},
      }),
    )
    table.apply(
      message('room:1', 'presence_diff', { joins: {}, leaves: { ann: { metas: [meta('A1')] } } }),
    )
    const members = table.get('room:1')?.presence as PresenceMembers
    expect([...members]).toEqual([
      ['ann', [meta('A2')]],
      ['bob', [meta('B1')]],
    ])
    table.apply(event({ type: 'ChannelLeft', topic: 'room:1' }))
    expect(members.size).toBe(0)
  })
})

describe('presence', () => {
  test('a state replaces everything; a diff with an update replaces the meta by phx_ref', () => {
    const members: PresenceMembers = new Map([['old', [{ phx_ref: 'O' }]]])
    applyPresenceState(members, { ann: { metas: [{ phx_ref: 'A', status: 'here' }] } })
    applyPresenceDiff(members, {
      joins: { ann: { metas: [{ phx_ref: 'A2', status: 'away' }] } },
      leaves: { ann: { metas: [{ phx_ref: 'A', status: 'here' }] } },
    })
    expect([...members]).toEqual([['ann', [{ phx_ref: 'A2', status: 'away' }]]])
  })

  test('a malformed payload changes nothing and throws nothing', () => {
    const members: PresenceMembers = new Map([['ann', [{ phx_ref: 'A' }]]])
    applyPresenceDiff(members, 'nonsense')
    applyPresenceDiff(members, { joins: { x: { metas: 'no' } }, leaves: null })
    expect([...members]).toEqual([['ann', [{ phx_ref: 'A' }]]])
  })
})
