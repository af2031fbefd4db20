import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Socket } from 'phoenix'
import { afterEach, describe, expect, it } from 'vitest'
import { type Channel, replyOk, silentLogger } from '../src/index.ts'
import { createServer, type WirestateServer } from '../src/server.ts'
import { eventually } from './eventually.ts'
import { openPhoenixSocket, settle } from './phoenix-socket.ts'
import { RawClient } from './raw-client.ts'

let server: WirestateServer | null = null
let http: HttpServer | null = null
const closers: (() => void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) close()
  await server?.stop()
  if (http?.listening) await new Promise((resolve) => http?.close(resolve))
  server = null
  http = null
})

const ROUTES = {
  'fan:*': {
    events: {
      publish: async (payload: unknown, channel: Channel) => {
        await channel.broadcast('new_msg', payload)
        return replyOk()
      },
      // Many broadcasts in one event-loop turn (the memory broker fans out on microtasks).
      burst: (payload: unknown, channel: Channel) => {
        const { count } = payload as { count: number }
        for (let i = 0; i < count; i++) void channel.broadcast('n', { i })
        return replyOk()
      },
      echo_binary: (payload: unknown) => replyOk(payload),
    },
  },
}

// A server on an HTTP server of the test's, so the raw sockets' writes can be counted.
async function startCounting(): Promise<{ writes: Map<Duplex, number> }> {
  const writes = new Map<Duplex, number>()
  http = createHttpServer()
  http.on('upgrade', (_request, socket: Duplex) => {
    writes.set(socket, 0)
    const raw = socket as Duplex & Record<'_write' | '_writev', (...args: unknown[]) => unknown>
    for (const name of ['_write', '_writev'] as const) {
      const original = raw[name]
      raw[name] = function (...args: unknown[]) {
        writes.set(socket, (writes.get(socket) ?? 0) + 1)
        return original.apply(this, args)
      }
    }
  })
  server = createServer({ server: http, logger: silentLogger, channels: ROUTES })
  await server.start()
  await new Promise<void>((resolve) => http?.listen(0, '127.0.0.1', resolve))
  return { writes }
}

async function joined(topic: string): Promise<RawClient> {
  const client = await RawClient.connect(`${server?.url}?vsn=2.0.0`)
  closers.push(() => client.ws.terminate())
  client.send(['1', '1', topic, 'phx_join', {}])
  expect((await client.nextJson())[3]).toBe('phx_reply')
  return client
}

describe('broadcast writes', () => {
  it('writes each socket at most twice per event-loop turn, however many broadcasts the turn made', async () => {
    const { writes } = await startCounting()
    const clients = []
    for (let i = 0; i < 10; i++) clients.push(await joined('fan:burst'))
    await new Promise((resolve) => setImmediate(resolve))
    for (const socket of writes.keys()) writes.set(socket, 0)
    clients[0]?.send(['1', '2', 'fan:burst', 'burst', { count: 50 }])
    for (const client of clients) {
      const frames = []
      while (frames.length < 50) {
        const frame = await client.nextJson()
        if (frame[3] === 'n') frames.push(frame)
      }
      expect(frames.map((f) => (f[4] as { i: number }).i)).toEqual([...Array(50).keys()])
    }
    // 50 broadcasts (and the pusher's reply) reached each socket in two writes: the
    // turn's first frame at once, the rest corked until the turn's end.
    expect([...writes.values()]).toEqual(Array(10).fill(2))
  })
})

// phoenix.js on Node's WebSocket (undici: a strict RFC 6455 parser), keeping every
// message exactly as the socket delivered it.
async function recordingPhoenix(topic: string) {
  const frames: unknown[] = []
  class RecordingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.addEventListener('message', (event) => frames.push(event.data))
    }
  }
  const socket: Socket = await openPhoenixSocket(
    server as WirestateServer,
    {},
    { transport: RecordingWebSocket },
  )
  closers.push(() => socket.disconnect())
  const channel = socket.channel(topic)
  const payloads: unknown[] = []
  channel.on('new_msg', (payload) => payloads.push(payload))
  expect((await settle(channel.join())).status).toBe('ok')
  return { frames, payloads, channel }
}

describe('the official phoenix.js client', () => {
  it('receives every broadcast frame unchanged, across every frame length encoding', async () => {
    server = createServer({ port: 0, logger: silentLogger, channels: ROUTES })
    await server.start()
    const subscribers = [await recordingPhoenix('fan:x'), await recordingPhoenix('fan:x')]
    const publisher = await joined('fan:x')
    // Frame payloads of 7-bit, 16-bit and 64-bit lengths, accents, emoji, escapes.
    const payloads: unknown[] = [
      {},
      { body: 'a'.repeat(80) },
      { body: 'b'.repeat(100) },
      { body: 'ü😀 "quoted" \\ \n \u2028' },
      { body: 'c'.repeat(65_460) },
      { body: 'd'.repeat(65_520) },
      { body: 'é'.repeat(40_000) },
      ...Array.from({ length: 100 }, (_, i) => ({ i, at: `${i}`.repeat(i % 7) })),
    ]
    for (const [i, payload] of payloads.entries()) {
      publisher.send(['1', String(i + 2), 'fan:x', 'publish', payload])
    }
    const texts = payloads.map((p) => JSON.stringify([null, null, 'fan:x', 'new_msg', p]))
    for (const subscriber of subscribers) {
      await eventually(() => expect(subscriber.payloads).toHaveLength(payloads.length), 10_000)
      expect(subscriber.payloads).toEqual(payloads)
      // After the join reply, the socket delivered exactly the encoded broadcasts.
      expect(subscriber.frames.slice(1)).toEqual(texts)
    }
    // A frame of one socket only, binary: a reply to phoenix.js's binary push.
    const [first] = subscribers
    const bytes = Uint8Array.of(0, 1, 2, 254, 255)
    const reply = await settle(first?.channel.push('echo_binary', bytes.buffer) as never)
    expect(reply.status).toBe('ok')
    expect([...new Uint8Array(reply.response as ArrayBuffer)]).toEqual([...bytes])
  }, 20_000)
})
