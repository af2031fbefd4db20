import { createServer, type Server, Socket } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { eventually } from './eventually.ts'
import { type FaultProxy, startFaultProxy } from './fault-proxy.ts'

// A line echo server: answers every line with `echo:<line>`, and remembers how
// its connections ended.
let echo: Server
let echoPort: number
let serverSide: { ended: boolean; reset: boolean }[]
let proxy: FaultProxy
const clients: Socket[] = []

beforeEach(async () => {
  serverSide = []
  echo = createServer((socket) => {
    const state = { ended: false, reset: false }
    serverSide.push(state)
    let buffered = ''
    socket.on('data', (chunk) => {
      buffered += chunk
      for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
        socket.write(`echo:${buffered.slice(0, at)}\n`)
        buffered = buffered.slice(at + 1)
      }
    })
    socket.on('end', () => {
      state.ended = true
      socket.end()
    })
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') state.reset = true
    })
  })
  echoPort = await new Promise<number>((resolve) =>
    echo.listen(0, '127.0.0.1', () => resolve((echo.address() as { port: number }).port)),
  )
  proxy = await startFaultProxy({ host: '127.0.0.1', port: echoPort })
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await proxy.close()
  await new Promise<void>((resolve) => echo.close(() => resolve()))
})

interface Client {
  socket: Socket
  lines: string[]
  /** Raw bytes received, for checking partial frames. */
  bytes: () => string
  ended: Promise<'end' | 'reset' | 'error'>
}

async function connect(): Promise<Client> {
  const socket = new Socket()
  clients.push(socket)
  let raw = ''
  const lines: string[] = []
  socket.on('data', (chunk) => {
    raw += chunk
    lines.push(...raw.split('\n').slice(lines.length, -1))
  })
  const ended = new Promise<'end' | 'reset' | 'error'>((resolve) => {
    socket.on('end', () => resolve('end'))
    socket.on('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ECONNRESET' ? 'reset' : 'error'),
    )
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.connect(proxy.port, '127.0.0.1', () => resolve())
  })
  return { socket, lines, bytes: () => raw, ended }
}

describe('FaultProxy', () => {
  it('forwards both ways, in order, and counts it', async () => {
    const client = await connect()
    for (let n = 0; n < 50; n++) client.socket.write(`m${n}\n`)
    await eventually(() => expect(client.lines).toHaveLength(50))
    expect(client.lines).toEqual(Array.from({ length: 50 }, (_, n) => `echo:m${n}`))
    expect(proxy.counters).toMatchObject({ accepted: 1, refused: 0, dropped: 0, faults: 0 })
  })

  it('cut: both sides get a FIN, and the next connection works', async () => {
    const client = await connect()
    client.socket.write('before\n')
    await eventually(() => expect(client.lines).toEqual(['echo:before']))
    proxy.cut()
    expect(await client.ended).toBe('end')
    await eventually(() => expect(serverSide[0]).toEqual({ ended: true, reset: false }))
    const again = await connect()
    again.socket.write('after\n')
    await eventually(() => expect(again.lines).toEqual(['echo:after']))
    expect(proxy.counters.faults).toBe(1)
  })

  it('blackhole: nothing crosses any more and nobody is told; new connections work', async () => {
    const client = await connect()
    client.socket.write('one\n')
    await eventually(() => expect(client.lines).toEqual(['echo:one']))
    proxy.blackhole()
    client.socket.write('lost\n')
    await eventually(() => expect(proxy.counters.dropped).toBe('lost\n'.length))
    // A fresh connection through the same proxy answers, so the old one had its
    // chance: its echo would have come back by now.
    const fresh = await connect()
    fresh.socket.write('two\n')
    await eventually(() => expect(fresh.lines).toEqual(['echo:two']))
    expect(client.lines).toEqual(['echo:one'])
    expect(client.socket.readyState).toBe('open')
    expect(serverSide[0]).toEqual({ ended: false, reset: false })
    expect(proxy.openLinks).toBe(2)
  })

  it('latency with jitter: every chunk waits, order is kept', async () => {
    proxy.latency(40, 30)
    const client = await connect()
    const started = performance.now()
    for (let n = 0; n < 20; n++) {
      client.socket.write(`j${n}\n`)
      await new Promise((resolve) => setImmediate(resolve))
    }
    await eventually(() => expect(client.lines).toHaveLength(20))
    // One way at least 10 ms (40 - 30), twice per round trip.
    expect(performance.now() - started).toBeGreaterThanOrEqual(20)
    expect(client.lines).toEqual(Array.from({ length: 20 }, (_, n) => `echo:j${n}`))
    proxy.latency(0)
    expect(() => proxy.latency(10, 20)).toThrow(/jitterMs <= ms/)
  })

  it('reset mid-frame: half of the next answer arrives, then both sides are reset', async () => {
    const client = await connect()
    proxy.resetMidFrame()
    client.socket.write('abcdefghijklmnop\n')
    expect(await client.ended).toBe('reset')
    const received = client.bytes()
    expect(received.length).toBeGreaterThan(0)
    expect('echo:abcdefghijklmnop\n'.startsWith(received)).toBe(true)
    expect(received).not.toContain('\n')
    await eventually(() => expect(serverSide[0]?.reset).toBe(true))
  })

  it('refuse: new connections are reset, open ones keep working', async () => {
    const open = await connect()
    proxy.refuse(true)
    // The reset may beat the client's own view of the handshake.
    const refused = await connect().then(
      (c) => c.ended,
      (error) => error.code,
    )
    expect(['reset', 'ECONNRESET']).toContain(refused)
    open.socket.write('still\n')
    await eventually(() => expect(open.lines).toEqual(['echo:still']))
    proxy.refuse(false)
    const later = await connect()
    later.socket.write('back\n')
    await eventually(() => expect(later.lines).toEqual(['echo:back']))
    expect(proxy.counters).toMatchObject({ accepted: 2, refused: 1 })
  })
})
