import { afterEach, describe, expect, test, vi } from 'vitest'
import { joins, leaves, sharedBrowser, twoTabsJoined } from '../../test/shared-harness.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('the socket, seen from each tab', () => {
  test('the url params come from the tab active last (connecting, or back in the foreground)', async () => {
    const b = sharedBrowser()
    const a = b.open({ params: () => ({ token: 'from-a' }) })
    const c = b.open({ params: () => ({ token: 'from-c' }) })
    const token = () => new URL(b.socket().url).searchParams.get('token')
    const drop = async () => {
      const sockets = b.fake.sockets.length
      b.socket().serverClose(1006)
      await b.tick(1_000) // the backoff's delay (it grows: these connections never proved themselves)
      await b.accept()
      expect(b.fake.sockets).toHaveLength(sockets + 1)
    }
    a.client.connect()
    await b.accept()
    expect(token()).toBe('from-a')
    c.client.connect() // c starts using the socket: it is the active one now
    await b.tick()
    await drop()
    expect(token()).toBe('from-c')
    // a comes back to the foreground (its client checks the socket).
    a.connection.send({ type: 'CheckSocket' })
    await b.tick()
    await drop()
    expect(token()).toBe('from-a')
    expect(a.client.$status.get()).toEqual({ status: 'connected' })
  })

  test('disconnect() in one tab: that tab is disconnected, the others keep the socket; the last one closes it', async () => {
    const b = sharedBrowser()
    const [a, c] = await twoTabsJoined(b)
    await a.client.disconnect()
    expect(a.client.$status.get()).toEqual({ status: 'disconnected', reason: 'client' })
    expect(c.client.$status.get()).toEqual({ status: 'connected' })
    expect(b.socket().readyState).toBe(1)
    expect(leaves(b.sent())).toEqual([])
    await c.client.disconnect()
    await b.tick()
    expect(b.socket().readyState).toBe(3)
    // Connecting again: a new socket, the channel rejoins.
    const back = c.client.connect()
    await b.accept()
    await back
    expect(b.fake.sockets).toHaveLength(2)
    expect(joins(b.sent())).toHaveLength(1)
  })

  test('simulateOffline() in one tab takes the shared socket down for every tab, until released', async () => {
    const b = sharedBrowser()
    const [a, c] = await twoTabsJoined(b)
    a.client.simulateOffline()
    await b.tick()
    for (const t of [a, c]) {
      expect(t.client.$status.get()).toMatchObject({ status: 'reconnecting' })
      expect(t.client.channel('room:1').$state.value).toEqual({ status: 'joining' })
    }
    a.client.simulateOffline(false)
    await b.accept()
    await b.reply('phx_join', 'room:1', 'ok')
    for (const t of [a, c])
      expect(t.client.channel('room:1').$state.value).toEqual({ status: 'joined' })
  })

  test("a tab's inspect stream: its own commands, the events it got, where the socket is, and frames", async () => {
    const b = sharedBrowser()
    const [a, c] = [b.open(), b.open()]
    c.client.channel('room:2').join()
    a.client.channel('room:1').join()
    await b.accept()
    await b.reply('phx_join', 'room:1', 'ok')
    await b.reply('phx_join', 'room:2', 'ok')
    const kinds = a.entries.map((e) =>
      e.kind === 'frame'
        ? `frame ${e.direction}`
        : e.kind === 'command'
          ? e.command.type
          : e.event.type === 'ConnectionShared'
            ? `${e.event.type} ${e.event.holder} ${e.event.tabs}`
            : e.event.type,
    )
    // a sees its own commands, where the socket is, the socket's events and its own
    // topic's; not c's join of room:2 nor its reply, except as raw frames (all of them).
    expect(kinds).toEqual([
      'OpenSocket',
      'ConnectionShared shared worker 1',
      'ConnectionShared shared worker 2',
      'StatusChanged',
      'SocketOpened',
      'StatusChanged',
      'JoinChannel',
      'frame out',
      'frame out',
      'frame in',
      'ChannelJoined',
      'frame in',
    ])
  })

  test('the hub goes: waiting pushes fail with channel_closed, the tabs reconnect to the next and rejoin', async () => {
    const b = sharedBrowser()
    const [a, c] = await twoTabsJoined(b)
    const room = a.client.channel('room:1')
    const pending = room.push('new_msg', { body: 'in flight' }).catch((e: unknown) => e)
    await b.tick()
    b.handOver([a, c])
    expect(await pending).toMatchObject({ name: 'PushError', code: 'channel_closed' })
    await b.tick()
    expect(a.client.$status.get()).toMatchObject({ status: 'reconnecting', attempt: 0 })
    await b.accept()
    expect(a.client.$status.get()).toEqual({ status: 'connected' })
    expect(joins(b.sent())).toHaveLength(1)
    await b.reply('phx_join', 'room:1', 'ok')
    for (const t of [a, c])
      expect(t.client.channel('room:1').$state.value).toEqual({ status: 'joined' })
    // The old hub's socket is not this one: nothing was sent twice on the new.
    expect(b.fake.sockets).toHaveLength(2)
  })
})
