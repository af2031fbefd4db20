import { computed } from 'nanostores'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { setup } from '../test/harness.ts'
import { chat } from './features/chat/index.ts'
import { notifications } from './features/notifications/index.ts'
import { presence } from './features/presence/index.ts'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllEnvs()
})

/** Commands that would show a join or a socket. */
const started = (types: string[]) =>
  types.filter((t) => t === 'OpenSocket' || t === 'JoinChannel' || t === 'SocketOpened')

describe('reads never join', () => {
  test('get() of every store of a channel and its features: no socket, no join, initial values', async () => {
    const h = setup()
    const room = h.client.channel('room:1')
    const who = presence(room)
    const talk = chat(h.client.channel('room:1:chat'))
    const inbox = notifications(h.client.channel('user:7:notifications'))
    expect(room.$state.get()).toEqual({ status: 'closed' })
    expect(who.$members.get().size).toBe(0)
    expect(who.$count.get()).toBe(0)
    expect(talk.$messages.get()).toEqual([])
    expect(talk.$typing.get()).toEqual([])
    expect(inbox.$items.get()).toEqual([])
    expect(inbox.$unread.get()).toBe(0)
    await h.tick(10_000)
    expect(started(h.types())).toEqual([])
    expect(h.fake.sockets).toHaveLength(0)
    expect(h.client.$status.get()).toEqual({ status: 'idle' })
  })

  test('a subscriber joins once; a get() meanwhile changes nothing', async () => {
    const h = setup()
    const room = h.client.channel('room:1')
    const off = presence(room).$count.subscribe(() => {})
    room.$state.get()
    await h.open()
    await h.reply('phx_join', 'ok')
    expect(started(h.types())).toEqual(['OpenSocket', 'SocketOpened', 'JoinChannel'])
    expect(room.$state.get()).toEqual({ status: 'joined' })
    off()
  })

  test('where there is no WebSocket (no window: a server render), a computed over a channel store reads its initial value and connects nothing', async () => {
    // The harness gives a fake WebSocket; undefined falls back to the platform's: none in Node.
    const h = setup({ WebSocket: undefined })
    const room = h.client.channel('room:1')
    const $online = computed(presence(room).$count, (n) => `${n} online`)
    const $label = computed(room.$state, (s) => s.status)
    expect($online.get()).toBe('0 online')
    expect($label.get()).toBe('closed')
    // nanostores keeps a computed read with get() mounted for 1 s: it listens meanwhile.
    await h.tick(2_000)
    expect(started(h.types())).toEqual([])
    expect(h.fake.sockets).toHaveLength(0)
    expect(room.$state.get()).toEqual({ status: 'closed' })
    expect(h.logger.warn).toHaveBeenCalledTimes(1)
    expect(h.logger.warn.mock.calls[0]?.[0]).toMatch(
      /no WebSocket here.*pass createClient\(\{ WebSocket \}\)/,
    )
    // Asked for explicitly, connecting says the fix.
    expect(() => h.client.connect()).toThrow(/in Node pass createClient\(\{ WebSocket \}\)/)
  })

  test('the grace period is the leaveDelayMs option, on the injected timers', async () => {
    const h = setup({ leaveDelayMs: 50 })
    const room = h.client.channel('room:1')
    const off = room.$state.subscribe(() => {})
    await h.open()
    await h.reply('phx_join', 'ok')
    off()
    await h.tick(48)
    expect(h.types()).not.toContain('LeaveChannel')
    await h.tick(1)
    expect(h.types()).toContain('LeaveChannel')
  })
})

describe('retain()', () => {
  test('holds without a UI subscriber; release and retain again within the grace period keep one join', async () => {
    const h = setup()
    const room = h.client.channel('room:1')
    const first = room.retain()
    first()
    first() // a second call does nothing
    const second = room.retain()
    await h.open()
    await h.reply('phx_join', 'ok')
    await h.tick(5_000)
    expect(h.types().filter((t) => t === 'JoinChannel' || t === 'LeaveChannel')).toEqual([
      'JoinChannel',
    ])
    second()
    await h.tick(1_000)
    expect(h.types().filter((t) => t === 'JoinChannel' || t === 'LeaveChannel')).toEqual([
      'JoinChannel',
      'LeaveChannel',
    ])
  })
})

describe('disconnect()', () => {
  test('channels read disconnected (not trying) until connect(), then rejoin', async () => {
    const h = setup()
    const room = await h.joined()
    const off = room.$state.subscribe(() => {})
    await h.client.disconnect()
    await h.tick(60_000)
    expect(room.$state.get()).toEqual({ status: 'disconnected' })
    expect(h.fake.sockets).toHaveLength(1)

    h.client.connect()
    await h.tick()
    expect(room.$state.get()).toEqual({ status: 'joining' })
    h.socket().open()
    await h.tick()
    await h.reply('phx_join', 'ok')
    expect(room.$state.get()).toEqual({ status: 'joined' })
    off()
  })
})

describe('options given twice', () => {
  test('channel(): other options warn once, naming the topic and the options kept (strings hidden)', () => {
    const h = setup()
    const first = h.client.channel('room:1', { params: { token: 's3cret', n: 1 } })
    expect(h.client.channel('room:1', { params: { token: 's3cret', n: 1 } })).toBe(first)
    expect(h.client.channel('room:1')).toBe(first)
    expect(h.client.channel('room:1', { params: undefined })).toBe(first)
    expect(h.logger.warn).not.toHaveBeenCalled()

    h.client.channel('room:1', { params: { token: 'other', n: 2 } })
    h.client.channel('room:1', { params: { n: 3 } })
    expect(h.logger.warn).toHaveBeenCalledTimes(1)
    const [message] = h.logger.warn.mock.calls[0] as [string]
    expect(message).toBe(
      'wirestate: channel(\'room:1\') was called again with other options; the first ones are kept: { params: { token: "…", n: 1 } }',
    )
    expect(message).not.toContain('s3cret')
  })

  test('params functions with the same source are the same options (a component re-rendering)', () => {
    const h = setup()
    const nick = 'ann'
    const params = () => () => ({ nick })
    h.client.channel('room:1', { params: params() })
    h.client.channel('room:1', { params: params() })
    expect(h.logger.warn).not.toHaveBeenCalled()
  })

  test('presence() and chat(): other options warn once each', () => {
    const h = setup()
    const room = h.client.channel('room:1')
    presence(room, { meta: { status: 'here' } })
    presence(room, { meta: { status: 'here' } })
    presence(room)
    presence(room, { meta: { status: 'away' } })
    presence(room, { leaveDelayMs: 0 })
    chat(room, { user: 'ann' })
    chat(room, { user: 'bob' })
    expect(h.logger.warn.mock.calls.map(([m]) => m)).toEqual([
      'wirestate: presence(\'room:1\') was called again with other options; the first ones are kept: { meta: { status: "…" } }',
      'wirestate: chat(\'room:1\') was called again with other options; the first ones are kept: { user: "…" }',
    ])
  })

  test('production builds say nothing', () => {
    vi.stubEnv('NODE_ENV', 'production')
    const h = setup()
    h.client.channel('room:1', { params: { n: 1 } })
    h.client.channel('room:1', { params: { n: 2 } })
    expect(h.logger.warn).not.toHaveBeenCalled()
  })
})
