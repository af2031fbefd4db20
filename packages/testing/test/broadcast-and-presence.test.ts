import type { Channel } from '@wirestate/core'
import { expect, test } from 'vitest'
import { until, useMockServer } from './harness.ts'

// These suites are not about routes: any topic joins (the default is the server's).
const { mock, connect } = useMockServer({ catchAll: true })

/** Every presence frame a channel gets, as [event, payload], in order. */
function presenceFrames(channel: Channel): [string, unknown][] {
  const frames: [string, unknown][] = []
  channel.on('presence_state', (p) => frames.push(['presence_state', p]))
  channel.on('presence_diff', (p) => frames.push(['presence_diff', p]))
  return frames
}

test('broadcast reaches channel.on of every client joined to the topic, and only them', async () => {
  const ann = connect()
  const bob = connect()
  const heard: unknown[] = []
  const elsewhere: unknown[] = []
  ann.client.channel('room:1').on('new_msg', (m) => heard.push(['ann', m]))
  bob.client.channel('room:1').on('new_msg', (m) => heard.push(['bob', m]))
  bob.client.channel('room:2').on('new_msg', (m) => elsewhere.push(m))
  ann.client.channel('room:1').join()
  bob.client.channel('room:1').join()
  bob.client.channel('room:2').join()
  await until(() => expect(mock.connections.flatMap((c) => c.topics)).toHaveLength(3))

  mock.broadcast('room:1', 'new_msg', { body: 'hi' })
  await until(() => expect(heard).toHaveLength(2))
  expect(heard).toEqual(
    expect.arrayContaining([
      ['ann', { body: 'hi' }],
      ['bob', { body: 'hi' }],
    ]),
  )
  expect(elsewhere).toEqual([])
  expect(mock.sent.filter((f) => f.message.event === 'new_msg').map((f) => f.message)).toEqual([
    { joinRef: null, ref: null, topic: 'room:1', event: 'new_msg', payload: { body: 'hi' } },
    { joinRef: null, ref: null, topic: 'room:1', event: 'new_msg', payload: { body: 'hi' } },
  ])
})

test('a joiner gets presence_state; helpers send one presence_diff per change', async () => {
  const lobby = mock.presence('room:lobby')
  const bobTab1 = lobby.join('bob', { status: 'here' })
  const { client } = connect()
  const room = client.channel('room:lobby')
  const frames = presenceFrames(room)
  room.join()
  await until(() => expect(frames).toHaveLength(1))

  const bobTab2 = lobby.join('bob', { status: 'here' }) // a second tab: a second meta
  lobby.update('bob', { status: 'away' }, bobTab1)
  lobby.leave('bob', bobTab2)
  lobby.join('carol')
  lobby.leave('carol')
  await until(() => expect(frames).toHaveLength(6))
  expect(frames).toEqual([
    ['presence_state', { bob: { metas: [{ status: 'here', phx_ref: 'p1' }] } }],
    [
      'presence_diff',
      { joins: { bob: { metas: [{ status: 'here', phx_ref: 'p2' }] } }, leaves: {} },
    ],
    [
      'presence_diff',
      {
        joins: { bob: { metas: [{ status: 'away', phx_ref: 'p3', phx_ref_prev: 'p1' }] } },
        leaves: { bob: { metas: [{ status: 'here', phx_ref: 'p1' }] } },
      },
    ],
    [
      'presence_diff',
      { joins: {}, leaves: { bob: { metas: [{ status: 'here', phx_ref: 'p2' }] } } },
    ],
    ['presence_diff', { joins: { carol: { metas: [{ phx_ref: 'p4' }] } }, leaves: {} }],
    ['presence_diff', { joins: {}, leaves: { carol: { metas: [{ phx_ref: 'p4' }] } } }],
  ])
  expect(lobby.state()).toEqual({
    bob: { metas: [{ status: 'away', phx_ref: 'p3', phx_ref_prev: 'p1' }] },
  })
  // presence_state goes to the joiner alone, with its join_ref; diffs are broadcasts.
  const state = mock.sent.find((f) => f.message.event === 'presence_state')?.message
  expect(state).toMatchObject({ joinRef: '1', ref: null })
})

test('a tracked joiner sees its own diff then the state, as Phoenix sends them', async () => {
  mock.onJoin('room:*', (_payload, ctx) => ctx.track(ctx.connection.params.user ?? 'anon'))
  mock.presence('room:1').join('bob')
  const ann = connect({ params: { user: 'ann' } })
  const room = ann.client.channel('room:1', { params: { presence: { status: 'online' } } })
  const frames = presenceFrames(room)
  room.join()
  await until(() => expect(frames).toHaveLength(2))
  expect(frames).toEqual([
    [
      'presence_diff',
      { joins: { ann: { metas: [{ status: 'online', phx_ref: 'p2' }] } }, leaves: {} },
    ],
    [
      'presence_state',
      {
        bob: { metas: [{ phx_ref: 'p1' }] },
        ann: { metas: [{ status: 'online', phx_ref: 'p2' }] },
      },
    ],
  ])
  expect(mock.sent.map((f) => f.message.event)).toEqual([
    'phx_reply',
    'presence_diff',
    'presence_state',
  ])
})

test('a tracked member updates its meta with presence_update, and leaves on disconnect', async () => {
  mock.onJoin('room:*', (_payload, ctx) => ctx.track(ctx.connection.params.user ?? 'anon'))
  const watcher = connect({ params: { user: 'watcher' } })
  const watched = watcher.client.channel('room:1')
  const frames = presenceFrames(watched)
  watched.join()
  await until(() => expect(frames).toHaveLength(2))

  const ann = connect({ params: { user: 'ann' } })
  const room = ann.client.channel('room:1')
  room.join()
  await until(() => expect(frames).toHaveLength(3))
  await expect(room.push('presence_update', { status: 'away' })).resolves.toEqual({})
  await until(() => expect(frames).toHaveLength(4))
  ann.client.disconnect()
  await until(() => expect(frames).toHaveLength(5))

  expect(frames.slice(2)).toEqual([
    ['presence_diff', { joins: { ann: { metas: [{ phx_ref: 'p2' }] } }, leaves: {} }],
    [
      'presence_diff',
      {
        joins: { ann: { metas: [{ status: 'away', phx_ref: 'p3', phx_ref_prev: 'p2' }] } },
        leaves: { ann: { metas: [{ phx_ref: 'p2' }] } },
      },
    ],
    [
      'presence_diff',
      {
        joins: {},
        leaves: { ann: { metas: [{ status: 'away', phx_ref: 'p3', phx_ref_prev: 'p2' }] } },
      },
    ],
  ])
  expect(Object.keys(mock.presence('room:1').state())).toEqual(['watcher'])
})

test('presence_update without tracked presence is an ordinary event', async () => {
  const { client } = connect()
  const room = client.channel('room:1')
  room.join()
  await expect(room.push('presence_update', { status: 'away' })).rejects.toMatchObject({
    response: { reason: 'unhandled event' },
  })
})

test('presence helpers refuse ambiguous or unknown updates at once', () => {
  const lobby = mock.presence('room:lobby')
  lobby.join('bob')
  lobby.join('bob')
  expect(() => lobby.update('bob', {})).toThrow(/pass the phx_ref/)
  expect(() => lobby.update('nobody', {})).toThrow(/no meta/)
})
