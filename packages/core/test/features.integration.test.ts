import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import { WebSocket as WsWebSocket } from 'ws'
// A relative import, not a workspace dependency: @wirestate/server depends on
// @wirestate/core, and a dependency back would make turbo's build graph cyclic.
import { createServer, type WirestateServer } from '../../server/src/index.ts'
import { createClient } from '../src/client.ts'
import { presence } from '../src/features/presence/index.ts'
import { stream } from '../src/features/stream.ts'
import type { WebSocketConstructor } from '../src/options.ts'

type User = { name: string }
let server: WirestateServer<User>

beforeAll(async () => {
  server = createServer<User>({
    port: 0,
    authenticate: (params) => (params.user ? { name: params.user } : null),
    channels: {
      'room:*': { presence: { key: (channel) => channel.user.name } },
      'chat:*': { stream: { maxLength: 10_000 } },
    },
  })
  await server.start()
})

afterAll(async () => {
  await server.stop()
})

/** `ws` sockets, kept so a test can cut one the way a network does (no close frame). */
function cuttableWebSocket() {
  const sockets: WsWebSocket[] = []
  class Cuttable extends WsWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      sockets.push(this)
    }
  }
  return { WebSocket: Cuttable as unknown as WebSocketConstructor, sockets }
}

const clientOf = (user: string, WebSocket?: WebSocketConstructor) =>
  createClient({
    url: server.url,
    params: { user },
    reconnect: { minDelayMs: 10, maxDelayMs: 50 },
    // Node: no window, so the WebSocket is given (the global one unless the test cuts it).
    WebSocket: WebSocket ?? globalThis.WebSocket,
  })

test('presence with two clients: both see both, a meta update, and a leave', async () => {
  const alice = clientOf('alice')
  const bob = clientOf('bob')
  const a = presence(alice.channel('room:1'), { meta: { status: 'here' }, leaveDelayMs: 0 })
  const b = presence(bob.channel('room:1'), { meta: { status: 'busy' }, leaveDelayMs: 0 })
  const left: string[] = []
  a.onLeave((member) => left.push(member.id))
  const offA = a.$members.subscribe(() => {})
  const offB = b.$count.subscribe(() => {})
  await vi.waitFor(() => {
    expect([...(a.$members.value?.keys() ?? [])].sort()).toEqual(['alice', 'bob'])
    expect(b.$count.value).toBe(2)
  })
  expect(a.$members.value?.get('bob')?.metas[0]).toMatchObject({ status: 'busy' })

  await b.update({ status: 'away' })
  await vi.waitFor(() => {
    const metas = a.$members.value?.get('bob')?.metas ?? []
    expect(metas).toHaveLength(1)
    expect(metas[0]).toMatchObject({ status: 'away' })
  })

  bob.disconnect()
  await vi.waitFor(() => expect(a.$count.value).toBe(1))
  expect(left).toEqual(['bob'])
  offA()
  offB()
  alice.disconnect()
})

test('a stream topic loses and duplicates nothing while the socket is cut again and again', async () => {
  const { WebSocket, sockets } = cuttableWebSocket()
  const client = clientOf('carol', WebSocket)
  const channel = client.channel<{ receive: { new_msg: { n: number } } }>('chat:1')
  const s = stream(channel)
  const got: number[] = []
  const gaps: unknown[] = []
  const joins: unknown[] = []
  let replayed = 0
  let joined = false
  s.onGap((gap) => gaps.push(gap))
  channel.on('new_msg', (msg) => got.push(msg.n))
  client.inspect((e) => {
    if (e.kind === 'command' && e.command.type === 'JoinChannel') joins.push(e.command.payload)
    if (e.kind === 'event' && e.event.type === 'ChannelJoined') joined = true
    if (e.kind === 'event' && e.event.type === 'SocketClosed') joined = false
    // A replayed message is pushed to the joiner alone, so it carries the join_ref.
    if (e.kind === 'frame' && e.direction === 'in' && typeof e.frame === 'string') {
      const [joinRef, , , event] = JSON.parse(e.frame) as unknown[]
      if (event === 'new_msg' && joinRef !== null) replayed++
    }
  })
  const off = channel.$state.subscribe(() => {})
  await vi.waitFor(() => expect(channel.$state.value).toEqual({ status: 'joined' }))

  const total = 300
  const producing = (async () => {
    for (let n = 0; n < total; n++) {
      await server.broadcast('chat:1', 'new_msg', { n })
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
  })()
  let cuts = 0
  let produced = false
  void producing.then(() => {
    produced = true
  })
  while (cuts < 6 && !produced) {
    await new Promise((resolve) => setTimeout(resolve, 15))
    // Cut only once the current join delivered something, so each rejoin resumes further on.
    const resumedFrom = (joins.at(-1) as { since?: string }).since
    if (joined && s.lastId() !== resumedFrom) {
      sockets.at(-1)?.terminate()
      cuts++
    }
  }
  await producing
  await vi.waitFor(() => expect(got.length).toBeGreaterThanOrEqual(total), 5_000)
  expect(got).toEqual(Array.from({ length: total }, (_, n) => n))
  expect(gaps).toEqual([])
  // The cuts happened during the flow, and what they lost came back as a replay.
  expect(cuts).toBeGreaterThanOrEqual(4)
  expect(sockets.length).toBeGreaterThanOrEqual(cuts + 1)
  expect(replayed).toBeGreaterThan(0)
  // Every rejoin asked to resume, each time from further on.
  const since = joins.slice(1).map((p) => (p as { since: string }).since)
  expect(since.length).toBeGreaterThanOrEqual(cuts)
  expect(new Set(since).size).toBe(since.length)
  off()
  client.disconnect()
})
