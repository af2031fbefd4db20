import { compareStreamIds } from '@wirestate/core/protocol'
import { expect, test } from 'vitest'
import { type TestClient, until, useMockServer } from './harness.ts'

const { mock, connect } = useMockServer()

/** Joins a stream channel that resumes from the last id it saw, as a chat would. */
function joinStream(test: TestClient, topic: string) {
  let lastId: string | undefined
  const channel = test.client.channel<{ receive: { new_msg: { body: string; id: string } } }>(
    topic,
    {
      params: () => (lastId ? { since: lastId } : {}),
    },
  )
  const seen: { body: string; id: string }[] = []
  const joins: unknown[] = []
  channel.on('new_msg', (msg) => {
    seen.push(msg)
    lastId = msg.id
  })
  test.client.inspect((e) => {
    if (e.kind === 'event' && e.event.type === 'ChannelJoined') joins.push(e.event.response)
  })
  channel.join()
  return { channel, seen, joins }
}

async function reconnectAfter(test: TestClient, whileOffline: () => void) {
  mock.goOffline()
  await until(() => expect(test.client.$status.get()).toMatchObject({ status: 'reconnecting' }))
  whileOffline()
  mock.goOnline()
  await until(() => expect(test.client.$status.get()).toEqual({ status: 'connected' }))
}

test('appended messages carry ids that only grow, in the "<ms>-<seq>" shape', async () => {
  const room = mock.stream('room:1')
  const test = connect()
  const { seen } = joinStream(test, 'room:1')
  await until(() => expect(mock.connections[0]?.topics).toEqual(['room:1']))
  const ids = [1, 2, 3].map((n) => room.append('new_msg', { body: `m${n}` }))
  await until(() => expect(seen).toHaveLength(3))
  expect(seen).toEqual(ids.map((id, i) => ({ body: `m${i + 1}`, id })))
  for (const id of ids) expect(id).toMatch(/^\d+-\d+$/)
  expect(compareStreamIds(ids[0] as string, ids[1] as string)).toBeLessThan(0)
  expect(compareStreamIds(ids[1] as string, ids[2] as string)).toBeLessThan(0)
  expect(room.lastId).toBe(ids[2])
  expect(room.entries.map((e) => e.payload)).toEqual([
    { body: 'm1' },
    { body: 'm2' },
    { body: 'm3' },
  ])
})

test('a rejoin with since gets recovered: true, the missed messages, then live ones', async () => {
  const room = mock.stream('room:1')
  const test = connect()
  const { seen, joins } = joinStream(test, 'room:1')
  await until(() => expect(joins).toHaveLength(1))
  const first = room.append('new_msg', { body: 'before' })
  await until(() => expect(seen).toHaveLength(1))

  const missed: string[] = []
  await reconnectAfter(test, () => {
    missed.push(room.append('new_msg', { body: 'missed 1' }))
    missed.push(room.append('new_msg', { body: 'missed 2' }))
  })
  await until(() => expect(seen).toHaveLength(3))
  room.append('new_msg', { body: 'live' })
  await until(() => expect(seen).toHaveLength(4))

  expect(seen.map((m) => m.body)).toEqual(['before', 'missed 1', 'missed 2', 'live'])
  expect(joins).toEqual([{}, { recovered: true }])
  expect(mock.pushes('room:1', 'phx_join').map((m) => m.payload)).toEqual([{}, { since: first }])
  // The replay goes to the joiner with its join_ref; live messages are broadcasts.
  const ref = mock.pushes('room:1', 'phx_join')[1]?.joinRef
  const rejoin = mock.sent.filter((f) => f.connection === mock.connections.length)
  expect(rejoin.map((f) => [f.message.event, f.message.joinRef, f.message.ref])).toEqual([
    ['phx_reply', ref, ref],
    ['new_msg', ref, null],
    ['new_msg', ref, null],
    ['new_msg', null, null],
  ])
  expect(ref).toEqual(expect.any(String))
  expect(rejoin[1]?.message.payload).toEqual({ body: 'missed 1', id: missed[0] })
})

test('history trimmed past since: recovered false, and only what is kept is replayed', async () => {
  const room = mock.stream('room:1')
  const test = connect()
  const { seen, joins } = joinStream(test, 'room:1')
  await until(() => expect(joins).toHaveLength(1))
  room.append('new_msg', { body: 'seen' })
  await until(() => expect(seen).toHaveLength(1))
  await reconnectAfter(test, () => {
    for (const body of ['lost 1', 'lost 2', 'kept']) room.append('new_msg', { body })
    room.trim(1)
  })
  await until(() => expect(joins).toHaveLength(2))
  await until(() => expect(seen).toHaveLength(2))
  expect(joins[1]).toEqual({ recovered: false })
  expect(seen.map((m) => m.body)).toEqual(['seen', 'kept'])
})

test('since on a topic that is not a stream is ignored; a bad since is not recovered', async () => {
  mock.onJoin('room:*', () => ({ ok: { hello: 'there' } }))
  mock.stream('room:stream')
  const test = connect()
  const plain = test.client.channel('room:plain', { params: { since: '1-0' } })
  const stream = test.client.channel('room:stream', { params: { since: 'yesterday' } })
  const joins: unknown[] = []
  test.client.inspect((e) => {
    if (e.kind === 'event' && e.event.type === 'ChannelJoined') joins.push(e.event)
  })
  plain.join()
  await until(() => expect(joins).toHaveLength(1))
  stream.join()
  await until(() => expect(joins).toHaveLength(2))
  expect(joins).toMatchObject([
    { topic: 'room:plain', response: { hello: 'there' } },
    { topic: 'room:stream', response: { hello: 'there', recovered: false } },
  ])
  expect(joins[0]).not.toHaveProperty('response.recovered')
})

test('stream payloads must be objects, since the id is added to them', () => {
  const room = mock.stream('room:1')
  expect(() => room.append('new_msg', 'text' as never)).toThrow(/JSON objects/)
  expect(room.entries).toEqual([])
})
