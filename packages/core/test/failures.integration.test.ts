import { createServer as createHttpServer, type Server } from 'node:http'
import { Socket as PhoenixSocket } from 'phoenix'
import { afterEach, expect, test, vi } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import {
  createServer,
  MemoryBroker,
  replyOk,
  silentLogger,
  type WirestateServer,
} from '../../server/src/index.ts' // @wirestate/server once it is a devDependency of core
import { chaosSize } from '../../server/test/chaos/chaos.ts'
import { type Client, createClient } from '../src/client.ts'
import type { ConnectionStatus } from '../src/events.ts'
import type { WebSocketConstructor } from '../src/options.ts'

let servers: WirestateServer[] = []
const clients: Client[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) await client.disconnect()
  for (const server of servers.splice(0)) await server.stop()
})

async function start(port = 0, attempts: string[] = []): Promise<WirestateServer> {
  const server = createServer<unknown>({
    port,
    broker: new MemoryBroker(),
    logger: silentLogger,
    authenticate: (params) => {
      attempts.push(params.token ?? '')
      return params.token === 'good' ? { name: 'ann' } : null
    },
    channels: {
      'room:*': { events: { echo: (payload) => replyOk(payload as Record<string, unknown>) } },
    },
  })
  await server.start()
  servers.push(server)
  return server
}

function connect(server: WirestateServer, token: string): Client {
  const client = createClient({
    url: server.url,
    params: { token },
    WebSocket: NodeWebSocket as unknown as WebSocketConstructor,
  })
  clients.push(client)
  return client
}

test('a bad token reaches the app as disconnected/unauthorized within 1 s, with no second attempt', async () => {
  const attempts: string[] = []
  const server = await start(0, attempts)
  const client = connect(server, 'bad')
  const seen: ConnectionStatus[] = []
  client.$status.subscribe((s) => seen.push(s))
  const started = performance.now()
  client.channel('room:1').join()
  await vi.waitFor(() => expect(client.$status.get().status).toBe('disconnected'), 1_000)
  expect(performance.now() - started).toBeLessThan(1_000)
  expect(client.$status.get()).toEqual({
    status: 'disconnected',
    reason: 'unauthorized',
    code: 4401,
    message: 'unauthorized',
  })
  await new Promise((resolve) => setTimeout(resolve, 1_500))
  expect(attempts).toEqual(['bad'])
  expect(seen.map((s) => s.status)).not.toContain('reconnecting')
})

test('a server restarted 2 s after connecting is reconnected within 1 s of coming back', async () => {
  const server = await start()
  const client = connect(server, 'good')
  const room = client.channel('room:1')
  await room.join()
  await new Promise((resolve) => setTimeout(resolve, 2_000))
  const port = server.port
  await server.stop()
  servers = servers.filter((s) => s !== server)
  await start(port)
  const back = performance.now()
  await vi.waitFor(() => expect(room.$state.get()).toEqual({ status: 'joined' }), 2_000)
  expect(performance.now() - back).toBeLessThan(1_000)
  expect(await room.push('echo', { after: 'restart' })).toEqual({ after: 'restart' })
})

test('200 pushes in a row with the default options are all answered, in order', async () => {
  const server = await start()
  const client = connect(server, 'good')
  const room = client.channel<{ push: { echo: { payload: { i: number }; reply: { i: number } } } }>(
    'room:1',
  )
  await room.join()
  const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => room.push('echo', { i })))
  expect(replies.map((r) => r.i)).toEqual(Array.from({ length: 200 }, (_, i) => i))
}, 15_000)

/** A server that refuses every WebSocket upgrade with HTTP 403, as Phoenix refuses a bad token. */
async function startForbidding(): Promise<{ url: string; attempts: () => number; close(): void }> {
  let attempts = 0
  const http: Server = createHttpServer((_, response) => response.writeHead(404).end())
  http.on('upgrade', (_, socket) => {
    attempts++
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as { port: number }
  return {
    url: `ws://127.0.0.1:${port}/socket`,
    attempts: () => attempts,
    close: () => http.close(),
  }
}

test('the official phoenix.js client with a bad token tries no more often than against a 403 server', async () => {
  // phoenix.js does not ask for refusals as closes, so it gets the HTTP 403 Phoenix sends and
  // keeps its own backoff (10 ms ... 2 s, then every 5 s); a close after an open would reset it.
  const tries: string[] = []
  const server = await start(0, tries)
  const forbidding = await startForbidding()
  const opened: string[] = []
  const sockets = [
    new PhoenixSocket(server.url.replace(/\/websocket$/, ''), { params: { token: 'bad' } }),
    new PhoenixSocket(forbidding.url, { params: { token: 'bad' } }),
  ]
  for (const [i, socket] of sockets.entries()) {
    socket.onOpen(() => opened.push(i ? 'phoenix-like' : 'wirestate'))
    socket.connect()
  }
  // Measured between two attempts of that schedule (the 10th is at ~4.3 s, the 11th at
  // ~9.3 s), so both counts are whole steps; a minute under WIRESTATE_CHAOS=full.
  await new Promise((resolve) => setTimeout(resolve, chaosSize(7_000, 62_000)))
  for (const socket of sockets) socket.disconnect()
  forbidding.close()
  const ours = tries.length
  console.log(
    `phoenix.js attempts, bad token: @wirestate/server ${ours}, 403 server ${forbidding.attempts()}`,
  )
  expect(opened).toEqual([])
  expect(ours).toBeGreaterThan(0)
  expect(ours).toBeLessThanOrEqual(forbidding.attempts())
  // No tight loop: the schedule allows 10 attempts in 7 s, 22 in 62 s.
  expect(ours).toBeLessThanOrEqual(chaosSize(10, 22))
}, 90_000)
