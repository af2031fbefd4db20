import { afterEach, describe, expect, it } from 'vitest'
import { type Limits, replyOk, silentLogger } from '../src/index.ts'
import { createServer, type WirestateServer } from '../src/server.ts'
import { RawClient } from './raw-client.ts'

let server: WirestateServer | null = null
const clients: RawClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate()
  await server?.stop()
  server = null
})

async function start(limits: Partial<Limits>): Promise<WirestateServer> {
  server = createServer({
    port: 0,
    logger: silentLogger,
    limits,
    channels: {
      'room:*': {
        events: {
          slow: async () => {
            await new Promise((resolve) => setTimeout(resolve, 200))
            return replyOk()
          },
        },
      },
    },
  })
  await server.start()
  return server
}

async function connect(): Promise<RawClient> {
  const client = await RawClient.connect(`${server?.url}?vsn=2.0.0`)
  clients.push(client)
  return client
}

const heartbeat = (ref: number) => [null, String(ref), 'phoenix', 'heartbeat', {}]

describe('limits', () => {
  it('closes with 1009 on a frame over maxFrameBytes; one under it is served', async () => {
    await start({ maxFrameBytes: 1024 })
    const client = await connect()
    client.send(JSON.stringify([null, '1', 'phoenix', 'heartbeat', { pad: 'x'.repeat(900) }]))
    expect((await client.nextJson())[4]).toEqual({ response: {}, status: 'ok' })
    client.send(JSON.stringify([null, '2', 'phoenix', 'heartbeat', { pad: 'x'.repeat(2000) }]))
    expect((await client.closed).code).toBe(1009)
  })

  it('answers "rate limited" over the rate, and closes with 1008 a client that keeps going', async () => {
    await start({ ratePerSecond: 1, rateBurst: 5 })
    const client = await connect()
    client.send(['1', '1', 'room:r', 'phx_join', {}])
    expect((await client.nextJson())[4]).toEqual({ response: {}, status: 'ok' })
    for (let ref = 2; ref <= 9; ref++) client.send(['1', String(ref), 'room:r', 'nope', {}])
    const replies = []
    for (let i = 0; i < 8; i++) replies.push(await client.nextJson())
    expect(replies.map((r) => (r[4] as { response: { reason: string } }).response.reason)).toEqual([
      ...Array(5).fill('unhandled event'),
      ...Array(3).fill('rate limited'),
    ])
    expect(replies[7]).toEqual([
      '1',
      '9',
      'room:r',
      'phx_reply',
      { response: { reason: 'rate limited' }, status: 'error' },
    ])
    for (let ref = 10; ref <= 20; ref++) client.send(['1', String(ref), 'room:r', 'nope', {}])
    expect((await client.closed).code).toBe(1008)
  })

  it('counts pushes only: joins, leaves and heartbeats never spend the rate budget', async () => {
    await start({ ratePerSecond: 1, rateBurst: 3 })
    const client = await connect()
    for (let ref = 1; ref <= 10; ref++) client.send(heartbeat(ref))
    for (let n = 1; n <= 5; n++) {
      client.send([String(n), String(n), 'room:c', 'phx_join', {}])
      client.send([String(n), `l${n}`, 'room:c', 'phx_leave', {}])
    }
    client.send(['6', '6', 'room:c', 'phx_join', {}])
    for (let ref = 7; ref <= 9; ref++) client.send(['6', String(ref), 'room:c', 'nope', {}])
    const frames = []
    for (let i = 0; i < 10 + 5 * 3 + 1 + 3; i++) frames.push(await client.nextJson())
    const errors = frames.filter((f) => (f[4] as { status?: string }).status === 'error')
    expect(errors.map((f) => [f[1], (f[4] as { response: unknown }).response])).toEqual([
      ['7', { reason: 'unhandled event' }],
      ['8', { reason: 'unhandled event' }],
      ['9', { reason: 'unhandled event' }],
    ])
  })

  it('by default serves a 64 KiB payload and 200 pushes in a row after a join', async () => {
    await start({})
    const client = await connect()
    client.send(['1', '1', 'room:d', 'phx_join', {}])
    await client.nextJson()
    const pad = '"\\'.repeat(22_000) // escaped in JSON: about 132 KiB of frame text
    for (let ref = 2; ref <= 201; ref++) client.send(['1', String(ref), 'room:d', 'nope', { pad }])
    const reasons = []
    for (let i = 0; i < 200; i++) {
      const reply = await client.nextJson()
      reasons.push([reply[1], (reply[4] as { response: { reason: string } }).response.reason])
    }
    expect(reasons).toEqual(
      Array.from({ length: 200 }, (_, i) => [String(i + 2), 'unhandled event']),
    )
  })

  it('refuses a join over maxTopicsPerConnection until one is left', async () => {
    await start({ maxTopicsPerConnection: 2 })
    const client = await connect()
    const join = async (n: number) => {
      client.send([String(n), String(n), `room:${n}`, 'phx_join', {}])
      return (await client.nextJson())[4]
    }
    expect(await join(1)).toEqual({ response: {}, status: 'ok' })
    expect(await join(2)).toEqual({ response: {}, status: 'ok' })
    expect(await join(3)).toEqual({ response: { reason: 'too many topics' }, status: 'error' })
    client.send(['1', '9', 'room:1', 'phx_leave', {}])
    await client.nextJson() // leave reply
    await client.nextJson() // phx_close
    expect(await join(4)).toEqual({ response: {}, status: 'ok' })
  })

  it('answers "overloaded" when too many pushes wait for one join', async () => {
    await start({ maxQueuedEvents: 2 })
    const client = await connect()
    client.send(['1', '1', 'room:q', 'phx_join', {}])
    await client.nextJson()
    for (let ref = 2; ref <= 5; ref++) client.send(['1', String(ref), 'room:q', 'slow', {}])
    // ref 2 runs at once, 3 and 4 wait, 5 finds the queue full.
    expect(await client.nextJson()).toEqual([
      '1',
      '5',
      'room:q',
      'phx_reply',
      { response: { reason: 'overloaded' }, status: 'error' },
    ])
    for (const ref of ['2', '3', '4']) expect((await client.nextJson())[1]).toBe(ref)
  })

  it('cuts a connection that sends nothing for idleTimeoutMs; heartbeats keep one alive', async () => {
    await start({ idleTimeoutMs: 150 })
    const [silent, beating] = [await connect(), await connect()]
    const beats = setInterval(() => beating.send(heartbeat(1)), 40)
    try {
      const startedAt = Date.now()
      expect((await silent.closed).code).toBe(1006)
      expect(Date.now() - startedAt).toBeLessThan(1000)
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(beating.ws.readyState).toBe(beating.ws.OPEN)
    } finally {
      clearInterval(beats)
    }
  })

  it('drops a client that stops reading, and keeps serving the others', async () => {
    const s = await start({ maxBufferedBytes: 256 * 1024 })
    const slow = await connect()
    const fine = await connect()
    for (const client of [slow, fine]) {
      client.send(['1', '1', 'room:flood', 'phx_join', {}])
      await client.nextJson()
    }
    slow.ws.pause() // stops reading from its TCP socket: the kernel buffers fill, then ws's
    const chunk = 'x'.repeat(60_000)
    const deadline = Date.now() + 10_000
    while (s.connectionCount === 2 && Date.now() < deadline) {
      for (let i = 0; i < 20; i++) await s.broadcast('room:flood', 'chunk', { chunk })
      while (fine.unread.length > 0) await fine.next()
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(s.connectionCount).toBe(1)
    fine.send(heartbeat(99))
    let reply = await fine.nextJson()
    while (reply[3] !== 'phx_reply') reply = await fine.nextJson()
    expect(reply).toEqual([null, '99', 'phoenix', 'phx_reply', { response: {}, status: 'ok' }])
  }, 20_000)
})

describe('stop', () => {
  it('closes clients with 1001 and does not wait for one that never answers', async () => {
    const s = await start({})
    const [polite, deaf] = [await connect(), await connect()]
    deaf.ws.pause()
    const startedAt = Date.now()
    await s.stop()
    server = null
    expect(Date.now() - startedAt).toBeLessThan(3000)
    expect((await polite.closed).code).toBe(1001)
    deaf.ws.resume()
    expect([1001, 1006]).toContain((await deaf.closed).code)
  })
})
