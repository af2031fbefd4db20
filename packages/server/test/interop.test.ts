import type { Socket } from 'phoenix'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { WirestateServer } from '../src/server.ts'
import { eventually } from './eventually.ts'
import { type FixtureUser, startFixtureServer } from './phoenix-fixture-server.ts'
import { openPhoenixSocket, settle } from './phoenix-socket.ts'

let server: WirestateServer<FixtureUser>
let sockets: Socket[] = []
const open = async (user: string, options?: Record<string, unknown>) => {
  const socket = await openPhoenixSocket(server, { token: 't', user }, options)
  sockets.push(socket)
  return socket
}

beforeAll(async () => {
  server = await startFixtureServer()
})
afterEach(() => {
  for (const socket of sockets) socket.disconnect()
  sockets = []
})
afterAll(() => server.stop())

describe('the official phoenix.js client', () => {
  it('joins with the route response and is refused by per-topic authorization', async () => {
    const socket = await open('alice')
    const lobby = socket.channel('room:lobby')
    expect(await settle(lobby.join())).toEqual({ status: 'ok', response: { joined: 'room:lobby' } })
    expect(lobby.state).toBe('joined')
    const secret = socket.channel('room:private')
    expect(await settle(secret.join())).toEqual({
      status: 'error',
      response: { reason: 'unauthorized' },
    })
    expect(secret.state).toBe('errored')
  })

  it('gets replies to pushes, ok and error', async () => {
    const channel = (await open('alice')).channel('room:replies')
    await settle(channel.join())
    expect(await settle(channel.push('ping', {}))).toEqual({
      status: 'ok',
      response: { pong: true },
    })
    expect(await settle(channel.push('echo', { a: [1, { b: 'ü' }] }))).toEqual({
      status: 'ok',
      response: { a: [1, { b: 'ü' }] },
    })
    expect(await settle(channel.push('error_me', {}))).toEqual({
      status: 'error',
      response: { reason: 'requested' },
    })
    expect(await settle(channel.push('nonexistent', {}))).toEqual({
      status: 'error',
      response: { reason: 'unhandled event' },
    })
  })

  it('receives broadcasts, and typing goes to everyone but the sender', async () => {
    const [alice, bob] = [
      (await open('alice')).channel('room:b'),
      (await open('bob')).channel('room:b'),
    ]
    await settle(alice.join())
    await settle(bob.join())
    const seen: Record<string, unknown[]> = { alice: [], bob: [] }
    alice.on('new_msg', (m) => seen.alice?.push(m))
    bob.on('new_msg', (m) => seen.bob?.push(m))
    alice.on('typing', (m) => seen.alice?.push(m))
    bob.on('typing', (m) => seen.bob?.push(m))
    alice.push('typing', { typing: true }) // no reply, as in the transcripts
    expect(await settle(alice.push('new_msg', { body: 'hi' }))).toEqual({
      status: 'ok',
      response: { id: 1 },
    })
    await eventually(() => expect(seen.bob).toHaveLength(2))
    expect(seen.bob).toEqual([
      { typing: true, user: 'alice' },
      { body: 'hi', user: 'alice' },
    ])
    expect(seen.alice).toEqual([{ body: 'hi', user: 'alice' }])
  })

  it('keeps the socket alive with heartbeats answered on topic phoenix', async () => {
    const socket = await open('alice', { heartbeatIntervalMs: 40 })
    let closed = false
    socket.onClose(() => {
      closed = true
    })
    const latency = await new Promise<number>((resolve) => socket.ping(resolve))
    expect(latency).toBeGreaterThanOrEqual(0)
    await new Promise((resolve) => setTimeout(resolve, 250)) // six heartbeats; a missed one reconnects
    expect(closed).toBe(false)
    expect(socket.isConnected()).toBe(true)
  })

  it('leaves with an ok reply and a closed channel', async () => {
    const channel = (await open('alice')).channel('room:leave')
    await settle(channel.join())
    let closedEvents = 0
    channel.onClose(() => closedEvents++)
    expect(await settle(channel.leave())).toEqual({ status: 'ok', response: {} })
    expect(channel.state).toBe('closed')
    expect(closedEvents).toBe(1)
  })

  it('sees phx_error when a handler throws, while the server serves others', async () => {
    const socket = await open('alice', { rejoinAfterMs: () => 60_000 })
    const channel = socket.channel('room:crash')
    await settle(channel.join())
    const errored = new Promise((resolve) => channel.onError(resolve))
    channel.push('crash', {})
    await errored
    expect(channel.state).toBe('errored')
    const other = (await open('bob')).channel('room:crash')
    await settle(other.join())
    expect(await settle(other.push('ping', {}))).toEqual({ status: 'ok', response: { pong: true } })
  })

  it('a handler may end the join after its reply', async () => {
    const channel = (await open('alice')).channel('room:stop')
    await settle(channel.join())
    const closed = new Promise((resolve) => channel.onClose(() => resolve(true)))
    expect(await settle(channel.push('stop', {}))).toEqual({
      status: 'ok',
      response: { bye: true },
    })
    expect(await closed).toBe(true)
  })

  it('sends and receives binary pushes and replies', async () => {
    const channel = (await open('alice')).channel('room:binary')
    await settle(channel.join())
    const bytes = Uint8Array.of(1, 2, 3, 250, 255).buffer
    const { status, response } = await settle(channel.push('echo_binary', bytes))
    expect(status).toBe('ok')
    expect(response).toBeInstanceOf(ArrayBuffer)
    expect([...new Uint8Array(response as ArrayBuffer)]).toEqual([1, 2, 3, 250, 255])
  })
})

describe('the official phoenix.js client at the server defaults (real traffic)', () => {
  it('gets a 64 KiB payload echoed, as text and as binary', async () => {
    const channel = (await open('alice')).channel('room:big')
    await settle(channel.join())
    // Quotes and non-ASCII make the JSON frame larger than the payload's characters.
    const text = 'ab"ü\n'.repeat((64 * 1024) / 5 + 1).slice(0, 64 * 1024)
    expect(await settle(channel.push('echo', { text }))).toEqual({
      status: 'ok',
      response: { text },
    })
    const bytes = new Uint8Array(64 * 1024).map((_, i) => i % 251)
    const { status, response } = await settle(channel.push('echo_binary', bytes.buffer))
    expect(status).toBe('ok')
    expect(new Uint8Array(response as ArrayBuffer)).toEqual(bytes)
  })

  it('gets 200 pushes in a row answered ok, in order', async () => {
    const channel = (await open('alice')).channel('room:burst')
    await settle(channel.join())
    const answered: unknown[] = []
    const pushes = Array.from({ length: 200 }, (_, n) => {
      const push = channel.push('echo', { n })
      push.receive('ok', (response) => answered.push((response as { n: number }).n))
      return settle(push)
    })
    const settled = await Promise.all(pushes)
    expect(settled.filter((s) => s.status !== 'ok')).toEqual([])
    expect(answered).toEqual(Array.from({ length: 200 }, (_, n) => n))
  })

  it('gets a ping answered at once while a 500 ms handler on the same topic answers later', async () => {
    const channel = (await open('alice')).channel('room:deferred')
    await settle(channel.join())
    const aloneAt = performance.now()
    await settle(channel.push('ping', {}))
    const alone = performance.now() - aloneAt // the ping's round trip with nothing ahead of it
    const order: string[] = []
    const startedAt = performance.now()
    const slow = settle(channel.push('slow_reply', { ms: 500 })).then((settled) => {
      order.push('slow_reply')
      return { settled, ms: performance.now() - startedAt }
    })
    const ping = settle(channel.push('ping', {})).then((settled) => {
      order.push('ping')
      return { settled, ms: performance.now() - startedAt }
    })
    const [slowDone, pingDone] = await Promise.all([slow, ping])
    expect(pingDone.settled).toEqual({ status: 'ok', response: { pong: true } })
    expect(pingDone.ms - alone).toBeLessThan(50) // the slow handler delays it by less than 50 ms
    expect(slowDone.settled).toEqual({ status: 'ok', response: { slept: 500 } })
    expect(slowDone.ms).toBeGreaterThanOrEqual(495)
    expect(order).toEqual(['ping', 'slow_reply'])
  })
})
