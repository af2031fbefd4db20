import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { SharedFrame, silentLogger } from '@wirestate/engine'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { Outbound } from './outbound.ts'
import { SocketWriter } from './socket-writer.ts'

const servers: Server[] = []
const clients: WebSocket[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate()
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

interface Served {
  writer: SocketWriter
  ws: WebSocket
  /** Raw socket writes (`_write` / `_writev` calls) since the connection opened. */
  writes(): number
}

// A ws server on 127.0.0.1 whose sockets get a SocketWriter, and a client for each.
async function serve(options: { perMessageDeflate?: boolean } = {}) {
  const handlers = { pauseHandlers() {}, resumeHandlers() {} }
  const outbound = new Outbound(
    { highWaterBytes: 64 << 20, maxPauseMs: 5000 },
    silentLogger,
    handlers,
  )
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: options.perMessageDeflate })
  const http = createServer()
  servers.push(http)
  const accepted: Served[] = []
  const waiting: ((served: Served) => void)[] = []
  http.on('upgrade', (request, socket: Duplex, head) => {
    const writes = countWrites(socket)
    wss.handleUpgrade(request, socket, head, (ws) => {
      const served = { writer: new SocketWriter(ws, socket, outbound), ws, writes }
      const next = waiting.shift()
      if (next) next(served)
      else accepted.push(served)
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`
  return {
    async connect(clientOptions: { perMessageDeflate?: boolean } = {}) {
      const client = new WebSocket(url, clientOptions)
      clients.push(client)
      const received: (string | Buffer)[] = []
      client.on('message', (data, binary) => received.push(binary ? (data as Buffer) : `${data}`))
      const closed = new Promise<number>((resolve) => client.on('close', resolve))
      const served = await new Promise<Served>((resolve) => {
        const ready = accepted.shift()
        if (ready) resolve(ready)
        else waiting.push(resolve)
      })
      await new Promise((resolve) => client.once('open', resolve))
      return { client, received, closed, served }
    },
  }
}

function countWrites(socket: Duplex): () => number {
  let writes = 0
  const raw = socket as Duplex & Record<'_write' | '_writev', (...args: unknown[]) => unknown>
  const [write, writev] = [raw._write, raw._writev]
  raw._write = function (...args: unknown[]) {
    writes++
    return write.apply(this, args)
  }
  raw._writev = function (...args: unknown[]) {
    writes++
    return writev.apply(this, args)
  }
  return () => writes
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('SocketWriter', () => {
  it("writes a turn's first frame at once and the rest as one socket write, in order, and the close frame after them", async () => {
    const { received, closed, served } = await serve().then((s) => s.connect())
    const before = served.writes()
    const texts = Array.from({ length: 50 }, (_, i) => `[null,null,"room:1","n",{"i":${i}}]`)
    served.writer.send(texts[0] as string)
    expect(served.writes() - before).toBe(1) // not held until the turn's end
    for (const text of texts.slice(1, 25)) served.writer.send(text)
    for (const text of texts.slice(25)) served.writer.sendShared(new SharedFrame(text))
    served.ws.close(1000, 'done') // ws's own close frame, written in the same turn
    expect(served.writes() - before).toBe(1) // the rest is corked
    expect(await closed).toBe(1000)
    expect(received).toEqual(texts)
    expect(served.writes() - before).toBe(2)
  })

  it('writes a frame alone in its turn at once, each turn anew', async () => {
    const { received, served } = await serve().then((s) => s.connect())
    const before = served.writes()
    const texts = Array.from({ length: 5 }, (_, i) => `[null,null,"room:1","n",{"i":${i}}]`)
    for (const [i, text] of texts.entries()) {
      served.writer.sendShared(new SharedFrame(text))
      expect(served.writes() - before).toBe(i + 1)
      await new Promise((resolve) => setImmediate(resolve))
    }
    await until(() => received.length === texts.length)
    expect(received).toEqual(texts)
    expect(served.writes() - before).toBe(texts.length)
  })

  it("counts no backlog for the turn's own frames, even the first one written at once", async () => {
    const { client, received, served } = await serve().then((s) => s.connect())
    client.pause() // reads nothing: what the kernel does not take stays in the stream
    const big = `"${'x'.repeat(32 << 20)}"`
    served.writer.send(big)
    served.writer.send('"after"')
    expect(served.writer.waiting).toBeGreaterThan(0) // left over, not all taken at once
    expect(served.writer.bufferedAmount).toBe(0) // but this turn's: not a slow client
    await new Promise((resolve) => setImmediate(resolve))
    expect(served.writer.bufferedAmount).toBeGreaterThan(0) // still there a turn later
    client.resume()
    await until(() => received.length === 2)
    expect(received).toEqual([big, '"after"'])
    expect(served.writer.bufferedAmount).toBe(0)
  })

  it('builds a broadcast once: the same bytes object goes to every socket', async () => {
    const server = await serve()
    const [a, b] = [await server.connect(), await server.connect()]
    const shared = new SharedFrame('[null,null,"room:1","n",{"body":"ü"}]')
    const written: unknown[] = []
    for (const { served } of [a, b]) {
      const socket = served.writer.socket
      const write = socket.write.bind(socket)
      socket.write = ((chunk: unknown) => written.push(chunk) && write(chunk as Buffer)) as never
      served.writer.sendShared(shared)
    }
    expect(written).toHaveLength(2)
    expect(written[0]).toBe(written[1])
    await until(() => a.received.length === 1 && b.received.length === 1)
    expect([a.received, b.received]).toEqual([[shared.frame], [shared.frame]])
  })

  it('keeps pongs whole between frames it writes', async () => {
    const { client, received, served } = await serve().then((s) => s.connect())
    let pongs = 0
    client.on('pong', () => pongs++)
    const texts = Array.from(
      { length: 2000 },
      (_, i) => `{"i":${i},"pad":"${'p'.repeat(i % 300)}"}`,
    )
    for (let i = 0; i < texts.length; i += 100) {
      client.ping(String(i))
      for (const text of texts.slice(i, i + 100)) served.writer.send(text)
      await new Promise((resolve) => setImmediate(resolve))
    }
    await until(() => received.length === texts.length && pongs === 20)
    expect(received).toEqual(texts)
  })

  it('leaves framing to ws when permessage-deflate is negotiated, sharing the payload bytes', async () => {
    const { client, received, served } = await serve({ perMessageDeflate: true }).then((s) =>
      s.connect({ perMessageDeflate: true }),
    )
    expect(client.extensions).toContain('permessage-deflate')
    const texts = Array.from({ length: 20 }, (_, i) => `[null,null,"room:1","n",{"i":${i}}]`)
    for (const text of texts) served.writer.sendShared(new SharedFrame(text))
    served.writer.send(Uint8Array.of(1, 2, 3))
    await until(() => received.length === 21)
    expect(received).toEqual([...texts, Buffer.from([1, 2, 3])])
  })

  it('drops frames once ws is closing, as ws.send does', async () => {
    const { closed, received, served } = await serve().then((s) => s.connect())
    served.writer.send('before')
    served.ws.close(1000)
    served.writer.send('after')
    expect(await closed).toBe(1000)
    expect(received).toEqual(['before'])
  })
})
