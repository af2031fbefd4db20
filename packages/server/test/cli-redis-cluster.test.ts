import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { Redis } from 'ioredis'
import type { Channel, Socket } from 'phoenix'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from './eventually.ts'
import { type ServerNode, startServerNodes } from './multi-node-process.ts'
import { openPhoenixSocket, receivedMessages, sendMessage, settle } from './phoenix-socket.ts'
import { type RedisClusterServer, startRedisCluster } from './redis-cluster.ts'

// Two `wirestate-server --redis-cluster ...` processes on a real local 3-master Redis
// Cluster, driven by phoenix.js: what an operator gets from the command line.
let cluster: RedisClusterServer | undefined
let nodeA: ServerNode
let nodeB: ServerNode
const sockets: Socket[] = []

beforeAll(async () => {
  cluster = await startRedisCluster()
  const [first, ...rest] = cluster.urls
  // Both spellings of the same seed list: one comma-separated flag, and the flag repeated.
  const nodes = await startServerNodes([
    ['--redis-cluster', cluster.urls.join(',')],
    ['--redis-cluster', String(first), '--redis-cluster', rest.join(',')],
  ])
  ;[nodeA, nodeB] = nodes as [ServerNode, ServerNode]
}, 40_000)

afterAll(async () => {
  for (const socket of sockets) socket.disconnect()
  await Promise.all([nodeA, nodeB].filter(Boolean).map((n) => n.kill('SIGTERM')))
  await cluster?.stop()
}, 20_000)

describe('wirestate-server --redis-cluster', () => {
  it('says it runs on the cluster broker and how many seeds it got, without URLs', () => {
    for (const node of [nodeA, nodeB]) {
      const line = node.output().split('\n')[0]
      expect(line).toMatch(
        /^wirestate-server listening on ws:\/\/127\.0\.0\.1:\d+\/socket\/websocket \(redis cluster broker, 3 seed nodes, node [0-9a-f-]{36}\)$/,
      )
    }
  })

  it('delivers messages sent on one node to clients of the other, for a topic on every master', async () => {
    const topics = await oneTopicPerMaster()
    for (const topic of topics) {
      const alice = await join(nodeA, 'alice', topic)
      const bob = await join(nodeB, 'bob', topic)
      const [onA, onB] = [receivedMessages(alice), receivedMessages(bob)]
      const fromB = await sendMessage(bob, `${topic} from B`)
      const fromA = await sendMessage(alice, `${topic} from A`)
      const expected = [
        { body: `${topic} from B`, user: 'bob', id: fromB },
        { body: `${topic} from A`, user: 'alice', id: fromA },
      ]
      // Two processes and three Redis shards sit between a send and its delivery.
      await eventually(() => expect([onA, onB]).toEqual([expected, expected]), 3_000)
    }
  })

  it('refuses --redis with --redis-cluster: one line and exit code 2, before connecting anywhere', async () => {
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url))
    const args = ['--conditions=@wirestate/source', cli, '--redis', 'redis://127.0.0.1:1']
    const failure = await promisify(execFile)(process.execPath, [
      ...args,
      ...['--redis-cluster', 'redis://127.0.0.1:2'],
    ]).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    )
    expect(failure).toMatchObject({ code: 2, stdout: '' })
    const stderr = failure?.stderr ?? ''
    expect(stderr.split('\n').slice(0, 3)).toEqual([
      'wirestate-server: give --redis (one Redis) or --redis-cluster (seed nodes), not both',
      '',
      expect.stringMatching(/^Usage: wirestate-server /),
    ])
  })
})

// Topics whose hash tag `{<topic>}` lands on each master in turn, so that every shard's
// sharded subscription of each node is exercised, not only the seed's.
async function oneTopicPerMaster(): Promise<string[]> {
  const redis = new Redis(String(cluster?.urls[0]))
  try {
    const ranges = await redis.cluster('SLOTS')
    const masterOf = (slot: number) =>
      ranges.find(([from, to]) => slot >= from && slot <= to)?.[2]?.[1]
    const byMaster = new Map<number | undefined, string>()
    for (let i = 0; byMaster.size < 3 && i < 100; i++) {
      const topic = `room:shard-${i}`
      const master = masterOf(await redis.cluster('KEYSLOT', topic))
      if (!byMaster.has(master)) byMaster.set(master, topic)
    }
    expect([...byMaster.keys()].sort()).toEqual(cluster?.masters.map((m) => m.port).sort())
    return [...byMaster.values()]
  } finally {
    redis.disconnect()
  }
}

async function join(node: ServerNode, user: string, topic: string): Promise<Channel> {
  const socket = await openPhoenixSocket({ url: node.socketUrl }, { user, token: 't' })
  sockets.push(socket)
  const channel = socket.channel(topic, {})
  expect((await settle(channel.join())).status).toBe('ok')
  return channel
}
