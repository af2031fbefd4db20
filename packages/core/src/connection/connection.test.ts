import { afterEach, describe, expect, test, vi } from 'vitest'
import { setup } from '../../test/harness.ts'
import type { ConnectContext } from '../options.ts'

afterEach(() => {
  vi.useRealTimers()
})

const beat = { heartbeatIntervalMs: 30_000, heartbeatTimeoutMs: 10_000 }

describe('status', () => {
  test('connecting until the first open, reconnecting after a loss; each attempt and close shows', async () => {
    const h = setup()
    const seen: unknown[] = []
    h.client.$status.subscribe((s) => seen.push(s))
    h.client.connect()
    await h.tick()
    h.socket().fail()
    await h.tick(250)
    await h.open()
    h.socket().serverClose(1001, 'going away')
    await h.tick()
    expect(seen).toEqual([
      { status: 'idle' },
      { status: 'connecting', attempt: 0 },
      { status: 'connecting', attempt: 1, lastClose: { code: 1006, reason: '', opened: false } },
      { status: 'connected' },
      {
        status: 'reconnecting',
        attempt: 2,
        lastClose: { code: 1001, reason: 'going away', opened: true },
      },
    ])
    expect(h.types()).toEqual([
      'OpenSocket',
      'SocketClosed',
      'ReconnectScheduled',
      'SocketOpened',
      'SocketClosed',
      'ReconnectScheduled',
    ])
    expect(h.events('SocketClosed').map((e) => [e.code, e.closeClass])).toEqual([
      [1006, 'retry'],
      [1001, 'retry'],
    ])
  })

  test('disconnect() stops for good and says the client asked; connect() starts again', async () => {
    const h = setup()
    await h.joined()
    const socket = h.socket()
    h.client.disconnect()
    await h.tick(60_000)
    expect(socket.closedWith).toEqual({ code: 1000, reason: '' })
    expect(h.fake.sockets).toHaveLength(1)
    expect(h.client.$status.get()).toEqual({ status: 'disconnected', reason: 'client' })

    h.client.connect()
    await h.tick()
    expect(h.client.$status.get()).toEqual({ status: 'connecting', attempt: 0 })
    expect(h.fake.sockets).toHaveLength(2)
  })
})

describe('reconnects', () => {
  test('back off exponentially after failed attempts', async () => {
    const h = setup({ reconnect: { minDelayMs: 100, maxDelayMs: 1000, factor: 2 } })
    h.client.connect()
    await h.tick()
    for (let i = 0; i < 6; i++) {
      h.socket().fail()
      await h.tick(1000)
    }
    expect(h.events('ReconnectScheduled').map((e) => [e.attempt, e.delayMs])).toEqual([
      [1, 100],
      [2, 200],
      [3, 400],
      [4, 800],
      [5, 1000],
      [6, 1000],
    ])
    expect(h.fake.sockets).toHaveLength(7)
  })

  test('params (and url) are evaluated again before every connect', async () => {
    let n = 0
    const params = vi.fn((_: ConnectContext) => ({ token: `t${++n}` }))
    const url = vi.fn(async () => 'wss://example.com/socket/websocket')
    const h = setup({ params, url })
    await h.joined()
    h.socket().serverClose(1000)
    await h.tick(250)
    h.socket().fail()
    await h.tick(500)
    expect(h.fake.sockets.map((s) => new URL(s.url).searchParams.get('token'))).toEqual([
      't1',
      't2',
      't3',
    ])
    expect(url).toHaveBeenCalledTimes(3)
    expect(params.mock.calls.map(([context]) => context)).toEqual([
      { attempt: 0, reauthenticate: false },
      { attempt: 1, reauthenticate: false },
      { attempt: 2, reauthenticate: false },
    ])
  })

  test('a url or params function that throws is logged and retried with backoff', async () => {
    let fail = true
    const h = setup({
      params: () => {
        if (fail) throw new Error('token service down')
        return { token: 'ok' }
      },
    })
    h.client.connect()
    await h.tick()
    expect(h.fake.sockets).toHaveLength(0)
    expect(h.logger.error).toHaveBeenCalledWith(
      'wirestate: socket url or params failed',
      expect.any(Error),
    )
    expect(h.events('SocketClosed')[0]).toMatchObject({ code: 1006, closeClass: 'retry' })
    fail = false
    await h.tick(250)
    expect(h.fake.sockets).toHaveLength(1)
  })
})

describe('close codes', () => {
  test('a stop code ends reconnecting and the status says why', async () => {
    const h = setup()
    const room = await h.joined()
    h.socket().serverClose(4001, 'banned')
    await h.tick(60_000)
    expect(h.fake.sockets).toHaveLength(1)
    expect(h.client.$status.get()).toEqual({
      status: 'disconnected',
      reason: 'server',
      code: 4001,
      message: 'banned',
    })
    // Still wanted, but nothing is trying: not `joining`.
    expect(room.$state.value).toEqual({ status: 'disconnected' })
  })

  test('a reauthenticate code reconnects and tells params to refresh credentials', async () => {
    const params = vi.fn((_: ConnectContext) => ({}))
    const h = setup({ params })
    await h.joined()
    h.socket().serverClose(4109, 'token expired')
    await h.tick(250)
    expect(h.fake.sockets).toHaveLength(2)
    expect(params).toHaveBeenLastCalledWith({ attempt: 1, reauthenticate: true })
  })

  test('a slow code waits the longest delay', async () => {
    const h = setup({ reconnect: { maxDelayMs: 5_000 } })
    await h.joined()
    h.socket().serverClose(1013, 'try again later')
    await h.tick(4_000)
    expect(h.fake.sockets).toHaveLength(1)
    expect(h.events('ReconnectScheduled')).toMatchObject([{ attempt: 1, delayMs: 5_000 }])
    await h.tick(1_000)
    expect(h.fake.sockets).toHaveLength(2)
  })

  test('running out of retries stops with max_retries', async () => {
    const h = setup({ reconnect: { maxRetries: 2 } })
    h.client.connect()
    await h.tick()
    h.socket().fail()
    await h.tick(250)
    h.socket().fail()
    await h.tick(500)
    h.socket().fail()
    await h.tick(60_000)
    expect(h.fake.sockets).toHaveLength(3)
    expect(h.client.$status.get()).toEqual({
      status: 'disconnected',
      reason: 'max_retries',
      code: 1006,
      message: '',
    })
  })
})

describe('heartbeat', () => {
  test('a heartbeat goes out on topic phoenix every interval and its reply keeps the socket', async () => {
    const h = setup(beat)
    await h.joined()
    await h.tick(30_000)
    expect(h.lastSent('heartbeat')).toEqual([null, '2', 'phoenix', 'heartbeat', {}])
    h.clear()
    await h.tick(40)
    h.receive([null, '2', 'phoenix', 'phx_reply', { status: 'ok', response: {} }])
    await h.tick(30_000)
    expect(h.lastSent('heartbeat')[1]).toBe('3')
    expect(h.fake.sockets).toHaveLength(1)
    // The round trip is reported (devtools draws it): replied 40 ms and a few harness ticks later.
    const replied = h.entries.flatMap((e) =>
      e.kind === 'event' && e.event.type === 'HeartbeatReplied' ? [e.event.latencyMs] : [],
    )
    expect(replied).toHaveLength(1)
    expect(replied[0]).toBeGreaterThanOrEqual(40)
    expect(replied[0]).toBeLessThan(50)
  })

  test('no reply in time: HeartbeatMissed, the half-open socket is closed, reconnect, rejoin', async () => {
    const h = setup(beat)
    const room = await h.joined()
    const first = h.socket()
    h.clear()
    await h.tick(40_000)
    expect(first.closedWith).toEqual({ code: 1000, reason: '' })
    expect(h.client.$status.get()).toEqual({ status: 'reconnecting', attempt: 1 })
    await h.tick(250)
    await h.open()
    await h.reply('phx_join', 'ok')
    expect(h.types()).toEqual([
      'HeartbeatMissed',
      'SocketClosed',
      'ReconnectScheduled',
      'SocketOpened',
      'JoinChannel',
      'ChannelJoined',
    ])
    expect(room.$state.value).toEqual({ status: 'joined' })
  })
})
