import { compareStreamIds } from '@wirestate/core/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryBroker, replyOk, silentLogger } from '../src/index.ts'
import { createServer, type WirestateServer } from '../src/server.ts'
import { RawClient } from './raw-client.ts'

let server: WirestateServer
let clients: RawClient[] = []

beforeEach(async () => {
  server = createServer({
    port: 0,
    logger: silentLogger,
    channels: {
      'short:*': { stream: { maxLength: 3 } },
      'chat:*': {
        stream: { maxLength: 1000, ephemeral: ['typing'] },
        events: {
          new_msg: async (payload, channel) =>
            replyOk({ id: await channel.broadcast('new_msg', payload) }),
          history: async (payload, channel) => {
            const { before = null, limit = 10 } = payload as {
              before?: string | null
              limit?: number
            }
            return replyOk(await channel.history(before, limit))
          },
        },
      },
      'plain:*': {},
    },
  })
  await server.start()
})
afterEach(async () => {
  for (const client of clients) client.close()
  clients = []
  await server.stop()
})

async function connect(): Promise<RawClient> {
  const client = await RawClient.connect(`${server.url}?vsn=2.0.0`)
  clients.push(client)
  return client
}

async function join(client: RawClient, topic: string, payload: object, joinRef = '1') {
  client.send([joinRef, joinRef, topic, 'phx_join', payload])
  return client.nextJson()
}

describe('stream topics', () => {
  it('give every broadcast an increasing id, in the payload', async () => {
    const client = await connect()
    await join(client, 'chat:1', {})
    const ids = []
    for (let n = 0; n < 3; n++) ids.push(await server.broadcast('chat:1', 'new_msg', { n }))
    for (const [n, id] of ids.entries()) {
      expect(await client.nextJson()).toEqual([null, null, 'chat:1', 'new_msg', { n, id }])
    }
    expect(compareStreamIds(ids[0] as string, ids[1] as string)).toBeLessThan(0)
    expect(compareStreamIds(ids[1] as string, ids[2] as string)).toBeLessThan(0)
    await expect(server.broadcast('chat:1', 'new_msg', 'not an object')).rejects.toThrow(
      /object payloads/,
    )
    expect(await server.broadcast('plain:1', 'x', 'anything goes')).toBeNull()
  })

  it('replay exactly the missed messages, in order, before live ones', async () => {
    const seen = []
    for (let n = 1; n <= 3; n++) seen.push(await server.broadcast('chat:r', 'new_msg', { n }))
    const missed = []
    for (let n = 4; n <= 6; n++) missed.push(await server.broadcast('chat:r', 'new_msg', { n }))
    const client = await connect()
    expect(await join(client, 'chat:r', { since: seen[2] })).toEqual([
      '1',
      '1',
      'chat:r',
      'phx_reply',
      { response: { recovered: true }, status: 'ok' },
    ])
    for (const [i, id] of missed.entries()) {
      expect(await client.nextJson()).toEqual(['1', null, 'chat:r', 'new_msg', { n: i + 4, id }])
    }
    const live = await server.broadcast('chat:r', 'new_msg', { n: 7 })
    expect(await client.nextJson()).toEqual([null, null, 'chat:r', 'new_msg', { n: 7, id: live }])
    expect(client.unread).toEqual([])
  })

  it('leave no gap and no duplicate when messages keep coming during the rejoin', async () => {
    const since = await server.broadcast('chat:race', 'new_msg', { n: 0 })
    // Connected first: under load a slow handshake must not be publishing time (the
    // history keeps 1000; a publisher that ran on would trim `since` away).
    const client = await connect()
    let joined = () => {}
    const replied = new Promise<void>((resolve) => {
      joined = resolve
    })
    let isJoined = false
    const publisher = (async () => {
      let n = 1
      // Across the join: until its reply, at most 500 (so `since` is never trimmed)...
      for (; !isJoined && n <= 500; n++) {
        await server.broadcast('chat:race', 'new_msg', { n })
        await new Promise((resolve) => setImmediate(resolve)) // let the socket work in between
      }
      // ...then a few surely after it, so some arrive live.
      await replied
      for (const last = n + 5; n < last; n++) await server.broadcast('chat:race', 'new_msg', { n })
    })()
    const reply = await join(client, 'chat:race', { since })
    isJoined = true
    joined()
    await publisher
    expect(reply[4]).toEqual({ response: { recovered: true }, status: 'ok' })
    const expected = (await server.history('chat:race', null, 1000)).entries
      .slice(1)
      .map((e) => e.id)
    const frames = []
    while (frames.length < expected.length) frames.push(await client.nextJson())
    expect(frames.map((f) => (f[4] as { id: string }).id)).toEqual(expected)
    // The publisher really ran across the join: some came as replay, some live.
    expect(frames.filter((f) => f[0] === '1').length).toBeGreaterThan(0)
    expect(frames.filter((f) => f[0] === null).length).toBeGreaterThan(0)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(client.unread).toEqual([])
  })

  it('deduplicate messages that arrive both live and in the replay', async () => {
    // Appends land between the member's subscription and its history read (so they
    // are both buffered live and replayed), and right after the read (live only).
    class RacyBroker extends MemoryBroker {
      override async readSince(topic: string, sinceId: string) {
        await this.append(topic, { event: 'new_msg', payload: { n: 'during' }, from: null }, {})
        await new Promise((resolve) => setImmediate(resolve))
        const result = await super.readSince(topic, sinceId)
        await this.append(topic, { event: 'new_msg', payload: { n: 'after' }, from: null }, {})
        await new Promise((resolve) => setImmediate(resolve))
        return result
      }
    }
    const racy = createServer({
      port: 0,
      broker: new RacyBroker(),
      channels: { 'chat:*': { stream: {} } },
    })
    await racy.start()
    try {
      const since = await racy.broadcast('chat:1', 'new_msg', { n: 'before' })
      const client = await RawClient.connect(`${racy.url}?vsn=2.0.0`)
      clients.push(client)
      expect((await join(client, 'chat:1', { since }))[4]).toEqual({
        response: { recovered: true },
        status: 'ok',
      })
      const frames = [await client.nextJson(), await client.nextJson()]
      expect(frames.map((f) => [f[0], (f[4] as { n: string }).n])).toEqual([
        ['1', 'during'],
        [null, 'after'],
      ])
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(client.unread).toEqual([])
    } finally {
      await racy.stop()
      await racy.broker.close()
    }
  })

  it('say recovered:false when history no longer reaches the id, and replay what is kept', async () => {
    const first = await server.broadcast('short:1', 'e', { n: 1 })
    const kept = []
    for (let n = 2; n <= 6; n++) kept.push(await server.broadcast('short:1', 'e', { n }))
    const client = await connect()
    expect((await join(client, 'short:1', { since: first }))[4]).toEqual({
      response: { recovered: false },
      status: 'ok',
    })
    for (const id of kept.slice(-3))
      expect(((await client.nextJson())[4] as { id: string }).id).toBe(id)
  })

  it('say recovered:false for a malformed since and an unknown stream; nothing without since', async () => {
    const client = await connect()
    expect((await join(client, 'chat:x', { since: 'yesterday' }, '1'))[4]).toEqual({
      response: { recovered: false },
      status: 'ok',
    })
    expect((await join(client, 'chat:never', { since: '1700000000000-0' }, '2'))[4]).toEqual({
      response: { recovered: false },
      status: 'ok',
    })
    expect((await join(client, 'chat:y', {}, '3'))[4]).toEqual({ response: {}, status: 'ok' })
    expect((await join(client, 'plain:1', { since: '1-0' }, '4'))[4]).toEqual({
      response: {},
      status: 'ok',
    })
  })

  it('page older history backwards for a chat', async () => {
    const ids: (string | null)[] = []
    for (let n = 1; n <= 5; n++) ids.push(await server.broadcast('chat:h', 'new_msg', { n }))
    const client = await connect()
    await join(client, 'chat:h', {})
    client.send(['1', '2', 'chat:h', 'history', { limit: 2 }])
    const page = (await client.nextJson())[4] as {
      response: { entries: { id: string }[]; more: boolean }
    }
    expect(page.response.entries.map((e) => e.id)).toEqual(ids.slice(3))
    expect(page.response.more).toBe(true)
    client.send(['1', '3', 'chat:h', 'history', { before: ids[3], limit: 10 }])
    const older = (await client.nextJson())[4] as {
      response: { entries: { id: string }[]; more: boolean }
    }
    expect(older.response).toEqual({
      entries: [1, 2, 3].map((n, i) => ({ id: ids[i], event: 'new_msg', payload: { n } })),
      more: false,
    })
  })
})
