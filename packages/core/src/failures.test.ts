import { afterEach, describe, expect, test, vi } from 'vitest'
import { setup } from '../test/harness.ts'
import type { ChannelError, ConnectionError, PushError } from './errors.ts'
import type { ConnectContext } from './options.ts'

afterEach(() => {
  vi.useRealTimers()
})

const caught = <E>(promise: Promise<unknown>) => promise.catch((e: E) => e)

describe('connection failures are state', () => {
  test('after 3 attempts in a row that never opened, the logger warns once, params hidden', async () => {
    const h = setup({ params: { token: 'secret-token' } })
    h.client.connect()
    await h.tick()
    for (let i = 0; i < 5; i++) {
      h.socket().fail()
      await h.tick(10_000)
    }
    expect(h.fake.sockets).toHaveLength(6)
    expect(h.logger.warn).toHaveBeenCalledTimes(1)
    const [message] = h.logger.warn.mock.calls[0] as [string]
    expect(message).toContain('3 connection attempts in a row failed before the socket opened')
    expect(message).toContain('ws://test/socket/websocket?token=***&vsn=2.0.0&refusal=close')
    expect(message).toMatch(/server is up.*\/websocket.*credentials/)
    expect(message).not.toContain('secret-token')
    expect(h.client.$status.get()).toMatchObject({
      status: 'connecting',
      attempt: 5,
      lastClose: { code: 1006, opened: false },
    })
  })

  test('a refused login (4401) stops at once as unauthorized: no second attempt', async () => {
    const h = setup()
    const room = h.client.channel('room:1')
    const joined = caught<ChannelError>(room.join())
    await h.open()
    h.socket().serverClose(4401, 'unauthorized')
    await h.tick(60_000)
    expect(h.fake.sockets).toHaveLength(1)
    expect(h.client.$status.get()).toEqual({
      status: 'disconnected',
      reason: 'unauthorized',
      code: 4401,
      message: 'unauthorized',
    })
    expect(await joined).toMatchObject({
      name: 'ChannelError',
      code: 'closed',
      reason: 'client unauthorized',
    })
    // The join that waited gave its reference back: the channel leaves (the socket is gone).
    expect(h.types()).toEqual([
      'OpenSocket',
      'SocketOpened',
      'JoinChannel',
      'SocketClosed',
      'LeaveChannel',
      'ChannelLeft',
    ])
    expect(room.$state.value).toEqual({ status: 'closed' })
  })

  test('with reauthenticate, a refused login is tried once more with fresh credentials', async () => {
    const params = vi.fn((c: ConnectContext) => ({ token: c.reauthenticate ? 'fresh' : 'stale' }))
    const h = setup({ params, reauthenticate: true })
    h.client.connect()
    await h.open()
    h.socket().serverClose(4401, 'unauthorized')
    await h.tick()
    expect(params.mock.calls.map(([c]) => c.reauthenticate)).toEqual([false, true])
    h.socket().open()
    h.socket().serverClose(4401, 'unauthorized')
    await h.tick(60_000)
    expect(h.fake.sockets.map((s) => new URL(s.url).searchParams.get('token'))).toEqual([
      'stale',
      'fresh',
    ])
    expect(h.client.$status.get()).toMatchObject({ status: 'disconnected', reason: 'unauthorized' })
  })

  test('the backoff starts over once a join was answered: a restart costs the shortest delay', async () => {
    const h = setup({ reconnect: { minDelayMs: 100, maxDelayMs: 10_000 } })
    await h.joined()
    for (let i = 0; i < 3; i++) {
      h.socket().serverClose(1001)
      await h.tick(100)
      await h.open()
      await h.reply('phx_join', 'ok')
    }
    // A server that accepts and drops before answering anything is backed off from.
    for (let i = 0; i < 3; i++) {
      h.socket().serverClose(1001)
      await h.tick(1_000)
      await h.open()
    }
    expect(h.events('ReconnectScheduled').map((e) => e.delayMs)).toEqual([
      100, 100, 100, 100, 200, 400,
    ])
  })

  test('a connection up for 5 s counts as proven even without a join', async () => {
    const h = setup({ reconnect: { minDelayMs: 100 } })
    h.client.connect()
    await h.open()
    h.socket().serverClose(1001)
    await h.tick(100)
    await h.open()
    await h.tick(5_000)
    h.socket().serverClose(1001)
    await h.tick()
    expect(h.events('ReconnectScheduled').map((e) => [e.attempt, e.delayMs])).toEqual([
      [1, 100],
      [1, 100],
    ])
  })
})

describe('awaitable calls', () => {
  test('join() resolves with the join reply; leave() when the server acknowledged', async () => {
    const h = setup()
    const room = h.client.channel('room:1')
    const joined = room.join()
    await h.open()
    await h.reply('phx_join', 'ok', { welcome: 'ann' })
    expect(await joined).toEqual({ welcome: 'ann' })
    expect(await room.join()).toEqual({ welcome: 'ann' })
    room.leave() // the second join's reference
    const left = vi.fn()
    room.leave().then(left)
    await h.tick()
    expect(left).not.toHaveBeenCalled()
    expect(room.$state.value).toEqual({ status: 'leaving' })
    await h.reply('phx_leave', 'ok')
    expect(left).toHaveBeenCalledTimes(1)
    expect(room.$state.value).toEqual({ status: 'closed' })
  })

  test('join() rejects with the whole refusal, and a timeout gives its reference back', async () => {
    const h = setup()
    const secret = h.client.channel('room:secret')
    const refused = caught<ChannelError>(secret.join())
    await h.open()
    await h.reply('phx_join', 'error', { reason: 'forbidden', need: 'admin' })
    expect(await refused).toMatchObject({
      code: 'refused',
      reason: 'forbidden',
      response: { reason: 'forbidden', need: 'admin' },
      message: 'channel room:secret: refused (forbidden)',
    })
    const slow = h.client.channel('room:slow')
    const timedOut = caught<ChannelError>(slow.join({ timeout: 500 }))
    await h.tick(500)
    expect(await timedOut).toMatchObject({ code: 'timeout', topic: 'room:slow' })
    // Its reference was the only one: the channel leaves.
    expect(h.lastSent('phx_leave', 'room:slow')).toBeDefined()
  })

  test('connect() resolves once connected; disconnect() once disconnected', async () => {
    const h = setup()
    const connected = vi.fn()
    h.client.connect().then(connected)
    await h.tick()
    expect(connected).not.toHaveBeenCalled()
    await h.open()
    expect(connected).toHaveBeenCalledTimes(1)
    await h.client.connect()
    await h.client.disconnect()
    expect(h.client.$status.get()).toEqual({ status: 'disconnected', reason: 'client' })
  })

  test('connect() rejects with the status when the client stops before connecting', async () => {
    const h = setup({ reconnect: { maxRetries: 1 } })
    const connecting = caught<ConnectionError>(h.client.connect())
    await h.tick()
    h.socket().fail()
    await h.tick(250)
    h.socket().fail()
    await h.tick()
    expect(await connecting).toMatchObject({
      name: 'ConnectionError',
      status: { status: 'disconnected', reason: 'max_retries', code: 1006 },
      message: 'connection stopped: max_retries (1006)',
    })
  })

  test('once() resolves with the next matching event, or rejects after its timeout', async () => {
    const h = setup()
    const room = await h.joined<{ receive: { tick: { n: number }; tock: unknown } }>()
    const second = room.once('tick', { filter: (p) => p.n === 2 })
    const never = caught<ChannelError>(room.once('tock', { timeout: 1_000 }))
    h.receive([null, null, 'room:1', 'tick', { n: 1 }])
    h.receive([null, null, 'room:1', 'tick', { n: 2 }])
    expect(await second).toEqual({ n: 2 })
    await h.tick(1_000)
    expect(await never).toMatchObject({ code: 'timeout', message: expect.stringContaining('tock') })
  })
})

describe('errors carry what happened', () => {
  test('a refused push names topic, event, code and the server reason', async () => {
    const h = setup()
    const room = await h.joined()
    const failed = caught<PushError>(room.push('new_msg', { body: '' }))
    await h.reply('new_msg', 'error', { reason: 'invalid message' })
    expect(await failed).toMatchObject({
      code: 'error',
      topic: 'room:1',
      event: 'new_msg',
      reason: 'invalid message',
      message: 'push "new_msg" on room:1 failed: error (invalid message)',
    })
  })

  test('a lone surrogate fails the push at once and nothing is written', async () => {
    const h = setup()
    const room = await h.joined()
    const bad = caught<PushError>(room.push('new_msg', { body: 'half an emoji \uD83D' }))
    expect(await bad).toMatchObject({
      code: 'invalid_payload',
      message: expect.stringContaining('payload.body holds a lone surrogate'),
    })
    expect(h.sent().map((f) => f[3])).toEqual(['phx_join'])
    expect(h.events('PushCancelled')).toMatchObject([{ reason: 'invalid_payload' }])
  })
})
