import { setTimeout as sleep } from 'node:timers/promises'
import { type Channel, Socket as PhoenixSocket, Presence, type Socket } from 'phoenix'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REDIS_LIVENESS_DEFAULTS } from '../src/broker/redis/redis-broker.ts'
import { eventually } from './eventually.ts'
import { type ServerNode, startServerNodes } from './multi-node-process.ts'
import { receivedMessages, sendMessage, settle } from './phoenix-socket.ts'
import { type RedisServer, startRedisServer } from './redis-server.ts'

// Two processes and Redis sit between a send and its delivery: allow 3 s, not 2.
const crossNode = <T>(check: () => T) => eventually(check, 3_000)

// Two CLI processes on one real redis-server, driven by the official phoenix.js
// client. The nodes run the CLI's defaults, so the SIGKILL case checks the
// documented default bound.
const LIVENESS_BOUND_MS = REDIS_LIVENESS_DEFAULTS.nodeTtlMs + REDIS_LIVENESS_DEFAULTS.heartbeatMs
const SLACK_MS = 1000 // timers and process scheduling on a busy 2-core machine

let redis: RedisServer | undefined
let nodeA: ServerNode
let nodeB: ServerNode
const sockets: Socket[] = []

beforeAll(async () => {
  redis = await startRedisServer()
  const args = ['--redis', redis.url]
  ;[nodeA, nodeB] = (await startServerNodes([args, args])) as [ServerNode, ServerNode]
}, 30_000)

afterAll(async () => {
  for (const socket of sockets) socket.disconnect()
  await Promise.all([nodeA, nodeB].filter(Boolean).map((n) => n.kill('SIGTERM')))
  await redis?.stop()
}, 20_000)

describe('two server processes on one Redis', () => {
  it('delivers a broadcast made on one node to clients of the other, both ways', async () => {
    const topic = 'room:fanout'
    const alice = await joined(await connect(nodeA, 'alice'), topic)
    const bob = await joined(await connect(nodeB, 'bob'), topic)
    const [onA, onB] = [
      receivedMessages<ChatMessage>(alice.channel),
      receivedMessages<ChatMessage>(bob.channel),
    ]
    const fromB = await settle(bob.channel.push('new_msg', { body: 'hi from B' }))
    const fromA = await settle(alice.channel.push('new_msg', { body: 'hi from A' }))
    expect([fromB.status, fromA.status]).toEqual(['ok', 'ok'])
    const ids = [fromB, fromA].map((r) => (r.response as { id: string }).id)
    const expected = [
      { body: 'hi from B', user: 'bob', id: ids[0] },
      { body: 'hi from A', user: 'alice', id: ids[1] },
    ]
    await crossNode(() => expect(onA).toEqual(expected))
    await crossNode(() => expect(onB).toEqual(expected))
  })

  it("merges presence from both nodes: each client's Presence.list is the same", async () => {
    const topic = 'room:presence'
    const alice = await joined(await connect(nodeA, 'alice'), topic)
    const bob = await joined(await connect(nodeB, 'bob'), topic)
    await crossNode(() => {
      expect(listed(alice.presence).map((m) => m.key)).toEqual(['alice', 'bob'])
      expect(listed(bob.presence)).toEqual(listed(alice.presence))
    })
    const [aliceRefs, bobRefs] = listed(alice.presence).map((m) => m.refs)
    expect([aliceRefs?.length, bobRefs?.length]).toEqual([1, 1])
    await settle(bob.channel.leave())
    await crossNode(() =>
      expect(listed(alice.presence)).toEqual([{ key: 'alice', refs: aliceRefs }]),
    )
  })

  it('replays on node A what was sent on node B while the client was away, once, in order', async () => {
    const topic = 'room:resume'
    const sender = await joined(await connect(nodeB, 'bob'), topic)
    const awaySocket = await connect(nodeB, 'carol')
    const before = await joined(awaySocket, topic)
    const seenBefore = receivedMessages<ChatMessage>(before.channel)
    const first = await sendMessage(sender.channel, 'before')
    await crossNode(() => expect(seenBefore).toEqual([{ body: 'before', user: 'bob', id: first }]))
    awaySocket.disconnect()
    const missed = [
      await sendMessage(sender.channel, 'm1'),
      await sendMessage(sender.channel, 'm2'),
    ]
    missed.push(await sendMessage(sender.channel, 'm3'))

    const back = (await connect(nodeA, 'carol')).channel(topic, { since: first })
    const replayed = receivedMessages<ChatMessage>(back)
    expect(await settle(back.join())).toEqual({
      status: 'ok',
      response: { joined: topic, recovered: true },
    })
    const live = await sendMessage(sender.channel, 'live')
    const bodies = ['m1', 'm2', 'm3', 'live']
    await crossNode(() => expect(replayed.map((m) => m.body)).toEqual(bodies))
    expect(replayed.map((m) => m.id)).toEqual([...missed, live])
    await sleep(200) // a duplicate would arrive right behind
    expect(replayed).toHaveLength(4)
  })

  it('removes the members of a node killed with SIGKILL within the documented bound', async () => {
    const topic = 'room:liveness'
    await joined(await connect(nodeA, 'dave'), topic)
    const erin = await joined(await connect(nodeB, 'erin'), topic)
    await crossNode(() => expect(listed(erin.presence).map((m) => m.key)).toEqual(['dave', 'erin']))
    const leaves: string[] = []
    erin.channel.on('presence_diff', (diff) => {
      leaves.push(...Object.keys((diff as { leaves: object }).leaves))
    })
    const killedAt = Date.now()
    await nodeA.kill('SIGKILL')
    await eventually(() => expect(leaves).toContain('dave'), LIVENESS_BOUND_MS + SLACK_MS + 2000)
    const elapsed = Date.now() - killedAt
    console.log(
      `SIGKILL: leave seen on the other node after ${elapsed} ms (bound ${LIVENESS_BOUND_MS} ms)`,
    )
    expect(elapsed).toBeLessThanOrEqual(LIVENESS_BOUND_MS + SLACK_MS)
    expect(leaves).toEqual(['dave'])
    expect(listed(erin.presence).map((m) => m.key)).toEqual(['erin'])
  }, 15_000)
})

interface Member {
  channel: Channel
  presence: Presence
}

async function connect(node: ServerNode, user: string): Promise<Socket> {
  const socket = new PhoenixSocket(node.socketUrl, {
    params: { user, token: 't' },
    transport: WebSocket,
    reconnectAfterMs: () => 60_000, // a killed node stays dead; no retry storm
  })
  sockets.push(socket)
  await new Promise<void>((resolve, reject) => {
    socket.onOpen(() => resolve())
    socket.onError((error) => reject(new Error(`cannot reach ${node.socketUrl}: ${error}`)))
    socket.connect()
  })
  return socket
}

async function joined(socket: Socket, topic: string): Promise<Member> {
  const channel = socket.channel(topic, {})
  const presence = new Presence(channel)
  const synced = new Promise<void>((resolve) => presence.onSync(() => resolve()))
  expect((await settle(channel.join())).status).toBe('ok')
  await synced
  return { channel, presence }
}

interface ChatMessage {
  body: string
  user: string
  id: string
}

// phoenix.js's own view: key -> the phx_refs of its metas, sorted by key.
function listed(presence: Presence): { key: string; refs: string[] }[] {
  const list = presence.list((key: string, p: { metas: { phx_ref: string }[] }) => ({
    key,
    refs: p.metas.map((m) => m.phx_ref),
  })) as { key: string; refs: string[] }[]
  return list.sort((x, y) => x.key.localeCompare(y.key))
}
