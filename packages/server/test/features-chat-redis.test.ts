import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  chatRoute,
  createServer,
  RedisBroker,
  silentLogger,
  type WirestateServer,
} from '../src/index.ts'
import { FeatureSocket } from './features-socket.ts'
import { type RedisServer, startRedisServer } from './redis-server.ts'

type User = { name: string }
const ROOM = 'room:cluster'

let redis: RedisServer
let brokers: RedisBroker[]
let nodes: WirestateServer<User>[]
let sockets: FeatureSocket[]

beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(() => redis.stop())

beforeEach(async () => {
  const prefix = `chat-${randomUUID()}:`
  brokers = await Promise.all([0, 1].map(() => RedisBroker.connect({ url: redis.url, prefix })))
  nodes = brokers.map((broker) =>
    createServer<User>({
      port: 0,
      broker,
      logger: silentLogger,
      authenticate: (params) => (params.user ? { name: params.user } : null),
      channels: { 'room:*': chatRoute() },
    }),
  )
  await Promise.all(nodes.map((n) => n.start()))
  sockets = []
})
afterEach(async () => {
  for (const socket of sockets) socket.close()
  await Promise.all(nodes.map((n) => n.stop()))
  await Promise.all(brokers.map((b) => b.close()))
})

async function joined(node: number, user: string, payload: object = {}): Promise<FeatureSocket> {
  const socket = await FeatureSocket.connect((nodes[node] as WirestateServer<User>).url, user)
  sockets.push(socket)
  expect((await socket.join(ROOM, payload)).status).toBe('ok')
  return socket
}

const bodyIs = (body: string) => (f: { event: string; payload: Record<string, unknown> }) =>
  f.event === 'new_msg' && f.payload.body === body

describe('chatRoute on two nodes sharing Redis', () => {
  it('stores a client_id sent to both nodes at once, and re-sent later, exactly once', async () => {
    const onA = await joined(0, 'alice')
    const onB = await joined(1, 'alice')
    const bob = await joined(1, 'bob')
    const message = { body: 'twice', client_id: 'c-cluster' }
    const replies = await Promise.all([
      onA.push(ROOM, 'new_msg', message),
      onB.push(ROOM, 'new_msg', message),
    ])
    expect(replies.map((r) => r.status)).toEqual(['ok', 'ok'])
    const id = replies[0]?.response.id
    expect(replies[1]?.response.id).toBe(id)
    onA.close()
    const again = await joined(1, 'alice')
    expect((await again.push(ROOM, 'new_msg', message)).response).toEqual({ id })
    await again.push(ROOM, 'new_msg', { body: 'marker' })
    for (const socket of [bob, onB]) {
      await socket.waitFor(bodyIs('marker'), 'the marker')
      expect(socket.frames(ROOM, 'new_msg').map((f) => f.payload.body)).toEqual(['twice', 'marker'])
    }
    const page = await bob.push(ROOM, 'history', {})
    expect((page.response.messages as { body: string }[]).map((m) => m.body)).toEqual([
      'twice',
      'marker',
    ])
  })

  it('edits on one node what was sent on the other, for the author only, and relays typing', async () => {
    const alice = await joined(0, 'alice')
    const bob = await joined(1, 'bob')
    const sent = await alice.push(ROOM, 'new_msg', { body: 'typo' })
    const id = sent.response.id as string
    expect((await bob.push(ROOM, 'edit_msg', { id, body: 'hacked' })).response).toEqual({
      reason: 'forbidden',
    })
    const aliceOnB = await joined(1, 'alice')
    expect((await aliceOnB.push(ROOM, 'edit_msg', { id, body: 'fixed' })).response).toMatchObject({
      rev: 1,
    })
    for (const socket of [alice, bob]) {
      const edit = await socket.waitFor((f) => f.event === 'msg_edited')
      expect(edit.payload).toMatchObject({ message_id: id, body: 'fixed', user: 'alice', rev: 1 })
    }
    const page = await alice.push(ROOM, 'history', {})
    expect(page.response.messages).toEqual([
      { id, body: 'fixed', user: 'alice', rev: 1, edited_at: expect.any(Number) },
    ])

    bob.send(ROOM, 'typing', { typing: true })
    await bob.push(ROOM, 'new_msg', { body: 'after typing' })
    for (const socket of [alice, aliceOnB, bob]) await socket.waitFor(bodyIs('after typing'))
    expect(alice.frames(ROOM, 'typing').map((f) => f.payload)).toEqual([
      { user: 'bob', typing: true },
    ])
    expect(aliceOnB.frames(ROOM, 'typing')).toHaveLength(1)
    expect(bob.frames(ROOM, 'typing')).toEqual([])
  })
})
