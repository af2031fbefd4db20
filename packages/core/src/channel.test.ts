import { afterEach, describe, expect, test, vi } from 'vitest'
import { setup } from '../test/harness.ts'
import type { PushError } from './errors.ts'
import { defineFeature } from './features/define-feature.ts'

afterEach(() => {
  vi.useRealTimers()
})

const caught = (promise: Promise<unknown>) => promise.catch((e: PushError) => e)

describe('lifecycle', () => {
  test('subscribers join lazily; a StrictMode double mount makes one join; the last one leaves after the grace period', async () => {
    const h = setup()
    const room = h.client.channel('room:1')
    const off1 = room.$state.subscribe(() => {})
    off1()
    const off2 = room.$state.subscribe(() => {})
    await h.open()
    await h.reply('phx_join', 'ok')
    expect(h.types()).toEqual(['OpenSocket', 'SocketOpened', 'JoinChannel', 'ChannelJoined'])
    await h.tick(5_000)
    expect(room.$state.value).toEqual({ status: 'joined' })

    off2()
    await h.tick(998)
    expect(h.sent().map((f) => f[3])).not.toContain('phx_leave')
    await h.tick(1)
    expect(h.lastSent('phx_leave')).toEqual(['1', '2', 'room:1', 'phx_leave', {}])
    expect(room.$state.value).toEqual({ status: 'leaving' })
    await h.reply('phx_leave', 'ok')
    expect(room.$state.value).toEqual({ status: 'closed' })
    expect(h.types().slice(-2)).toEqual(['LeaveChannel', 'ChannelLeft'])
  })

  test('join() and leave() count references', async () => {
    const h = setup()
    const room = await h.joined()
    room.join()
    room.leave()
    await h.tick()
    expect(room.$state.value).toEqual({ status: 'joined' })
    room.leave()
    room.leave()
    await h.reply('phx_leave', 'ok')
    expect(room.$state.value).toEqual({ status: 'closed' })
    expect(h.types().filter((t) => t === 'LeaveChannel')).toHaveLength(1)
  })

  test('after every reconnect a joined channel rejoins with its params evaluated again', async () => {
    let n = 0
    const h = setup()
    const room = h.client.channel('room:1', { params: () => ({ n: ++n }) })
    room.join()
    await h.open()
    await h.reply('phx_join', 'ok')
    h.socket().serverClose(1001)
    await h.tick(250)
    expect(room.$state.value).toEqual({ status: 'joining' })
    await h.open()
    await h.reply('phx_join', 'ok')
    expect(h.lastSent('phx_join')).toEqual(['2', '2', 'room:1', 'phx_join', { n: 2 }])
    expect(room.$state.value).toEqual({ status: 'joined' })
    expect(h.types()).toEqual([
      'OpenSocket',
      'SocketOpened',
      'JoinChannel',
      'ChannelJoined',
      'SocketClosed',
      'ReconnectScheduled',
      'SocketOpened',
      'JoinChannel',
      'ChannelJoined',
    ])
  })

  test('an error already on its way when the last reference leaves does not rejoin', async () => {
    const h = setup()
    const room = await h.joined()
    h.receive(['1', '1', 'room:1', 'phx_error', {}])
    room.leave()
    await h.tick(5_000)
    expect(room.$state.value).toEqual({ status: 'closed' })
    expect(h.sent().filter((f) => f[3] === 'phx_join')).toHaveLength(1)
  })

  test('leaving while the socket is down completes at once', async () => {
    const h = setup()
    const room = await h.joined()
    h.socket().serverClose(1006)
    await h.tick()
    room.leave()
    await h.tick()
    expect(room.$state.value).toEqual({ status: 'closed' })
  })
})

describe('refused and failed joins', () => {
  test('a refusal that is not fatal is retried with backoff', async () => {
    const h = setup()
    const room = h.client.channel('room:1')
    room.join()
    await h.open()
    await h.reply('phx_join', 'error', { reason: 'overloaded' })
    expect(room.$state.value).toEqual({
      status: 'errored',
      reason: 'overloaded',
      fatal: false,
      response: { reason: 'overloaded' },
    })
    await h.tick(249)
    await h.reply('phx_join', 'error', { reason: 'overloaded' })
    await h.tick(499)
    await h.reply('phx_join', 'ok')
    expect(room.$state.value).toEqual({ status: 'joined' })
    expect(h.types().filter((t) => t.startsWith('Channel') || t === 'JoinChannel')).toEqual([
      'JoinChannel',
      'ChannelJoinRejected',
      'JoinChannel',
      'ChannelJoinRejected',
      'JoinChannel',
      'ChannelJoined',
    ])
  })

  test('a fatal refusal is not retried; the pushes waiting for it and after it fail with its reason', async () => {
    const h = setup()
    const room = h.client.channel('room:private')
    room.join()
    await h.open()
    const waiting = caught(room.push('new_msg', {}))
    const refusal = { reason: 'unauthorized', detail: 'members only' }
    await h.reply('phx_join', 'error', refusal)
    expect(room.$state.value).toEqual({
      status: 'errored',
      reason: 'unauthorized',
      fatal: true,
      response: refusal,
    })
    expect(await waiting).toMatchObject({
      code: 'join_refused',
      reason: 'unauthorized',
      response: refusal,
      message: 'push "new_msg" on room:private failed: join_refused (unauthorized)',
    })
    await h.tick(20_000)
    expect(h.sent().filter((f) => f[3] === 'phx_join')).toHaveLength(1)
    expect(h.types().slice(2)).toEqual([
      'JoinChannel',
      'PushMessage',
      'ChannelJoinRejected',
      'PushCancelled',
    ])
    expect(h.events('PushCancelled')[0]).toMatchObject({ reason: 'join_refused' })
    expect(await caught(room.push('typing', {}))).toMatchObject({
      code: 'join_refused',
      event: 'typing',
      response: refusal,
    })
  })

  test('fatal reasons are an option', async () => {
    const h = setup({ fatalJoinReasons: ['banned'] })
    const room = h.client.channel('room:1')
    room.join()
    await h.open()
    await h.reply('phx_join', 'error', { reason: 'banned' })
    expect(room.$state.value).toMatchObject({ status: 'errored', reason: 'banned', fatal: true })
  })

  test('a join with no reply times out and is retried', async () => {
    const h = setup({ pushTimeoutMs: 1_000 })
    const room = h.client.channel('room:1')
    room.join()
    await h.open()
    await h.tick(1_000)
    expect(room.$state.value).toEqual({ status: 'errored', reason: 'timeout', fatal: false })
    await h.tick(250)
    await h.reply('phx_join', 'ok')
    expect(room.$state.value).toEqual({ status: 'joined' })
  })

  test('phx_error: errored, in-flight pushes fail, rejoin with backoff sends the buffered ones', async () => {
    const h = setup()
    const room = await h.joined()
    const inFlight = caught(room.push('slow', {}))
    h.receive(['1', '1', 'room:1', 'phx_error', {}])
    await h.tick()
    expect(room.$state.value).toEqual({ status: 'errored', reason: 'error', fatal: false })
    expect(await inFlight).toMatchObject({ code: 'channel_closed' })
    const buffered = room.push('new_msg', { body: 'later' })
    await h.tick(250)
    expect(h.lastSent('phx_join')[0]).toBe('3')
    await h.reply('phx_join', 'ok')
    expect(h.lastSent('new_msg')).toEqual(['3', '4', 'room:1', 'new_msg', { body: 'later' }])
    await h.reply('new_msg', 'ok', { id: 9 })
    expect(await buffered).toEqual({ id: 9 })
  })

  test('phx_close: closed by the server, no rejoin until join() is called again', async () => {
    const h = setup()
    const room = await h.joined()
    h.receive(['1', '1', 'room:1', 'phx_close', {}])
    await h.tick(20_000)
    expect(room.$state.value).toEqual({ status: 'closed', reason: 'server' })
    expect(h.sent().filter((f) => f[3] === 'phx_join')).toHaveLength(1)
    expect(await caught(room.push('x', {}))).toMatchObject({ code: 'channel_closed' })
    room.join()
    await h.reply('phx_join', 'ok')
    expect(room.$state.value).toEqual({ status: 'joined' })
  })
})

describe('push', () => {
  test('pushes made before the join completes are buffered, then sent', async () => {
    const h = setup()
    const room = h.client.channel('room:1')
    room.join()
    const early = room.push('new_msg', { body: 'early' })
    await h.open()
    expect(h.sent().map((f) => f[3])).toEqual(['phx_join'])
    await h.reply('phx_join', 'ok')
    expect(h.sent().map((f) => f[3])).toEqual(['phx_join', 'new_msg'])
    await h.reply('new_msg', 'ok', { id: 1 })
    expect(await early).toEqual({ id: 1 })
  })

  test('a noReply push settles once written, never times out; buffered before the join', async () => {
    const h = setup()
    const room = h.client.channel('room:1')
    room.join()
    const early = room.push('typing', { typing: true }, { noReply: true })
    await h.open()
    await h.reply('phx_join', 'ok')
    expect(h.lastSent('typing')).toEqual(['1', '2', 'room:1', 'typing', { typing: true }])
    expect(await early).toBeUndefined()
    const later = room.push('typing', { typing: false }, { noReply: true, timeout: 1_000 })
    await h.tick(5_000)
    expect(await later).toBeUndefined()
    expect(h.types()).not.toContain('PushTimedOut')
    expect(h.sent().filter((f) => f[3] === 'typing')).toHaveLength(2)
  })

  test('a buffered push that is never sent times out', async () => {
    const h = setup()
    const room = h.client.channel('room:1')
    room.join()
    const never = caught(room.push('new_msg', {}, { timeout: 3_000 }))
    await h.tick(3_000)
    expect(await never).toMatchObject({ name: 'PushError', code: 'timeout' })
    // The socket never opened, so the join was never sent either.
    expect(h.types()).toEqual(['OpenSocket', 'PushMessage', 'PushTimedOut'])
  })

  test('a reply after the timeout is dropped: the push settled once, with timeout', async () => {
    const h = setup()
    const room = await h.joined()
    const settled = vi.fn()
    const push = room.push('slow', {}, { timeout: 100 }).then(settled, settled)
    const [, ref] = h.lastSent('slow')
    await h.tick(100)
    h.receive(['1', ref, 'room:1', 'phx_reply', { status: 'ok', response: { late: true } }])
    await h.tick()
    await push
    expect(settled).toHaveBeenCalledTimes(1)
    expect(settled.mock.calls[0]?.[0]).toMatchObject({ code: 'timeout' })
    expect(h.types().slice(-3)).toEqual(['PushMessage', 'PushTimedOut', 'FrameRejected'])
    expect(h.events('FrameRejected')[0]?.reason).toBe('reply to no pending ref')
  })

  test('a full outbound buffer refuses the push', async () => {
    const h = setup({ bufferSize: 1 })
    const room = h.client.channel('room:1')
    room.join()
    const first = caught(room.push('a', {}, { timeout: 50 }))
    const second = caught(room.push('b', {}))
    expect(await second).toMatchObject({ code: 'buffer_full' })
    expect(h.events('BufferOverflowed')).toHaveLength(1)
    await h.tick(50)
    expect(await first).toMatchObject({ code: 'timeout' })
  })

  test('over the rate limit, pushes wait in order and go as tokens come back; none fails', async () => {
    const h = setup({ rateLimit: { capacity: 2, perSecond: 4 } })
    const room = await h.joined()
    const replies = ['a', 'b', 'c', 'd'].map((e) => room.push(e))
    expect(h.sent().map((f) => f[3])).toEqual(['phx_join', 'a', 'b'])
    expect(h.events('RateLimited')).toMatchObject([
      { command: 'PushMessage', topic: 'room:1', action: 'queue' },
      { command: 'PushMessage', topic: 'room:1', action: 'queue' },
    ])
    await h.tick(249)
    expect(h.sent().map((f) => f[3])).toEqual(['phx_join', 'a', 'b', 'c'])
    await h.tick(250)
    expect(h.sent().map((f) => f[3])).toEqual(['phx_join', 'a', 'b', 'c', 'd'])
    for (const e of ['a', 'b', 'c', 'd']) await h.reply(e, 'ok', { e })
    expect(await Promise.all(replies)).toEqual([{ e: 'a' }, { e: 'b' }, { e: 'c' }, { e: 'd' }])
  })

  test("onLimit 'reject' refuses what is over the limit; a function decides per command", async () => {
    const h = setup({
      rateLimit: {
        capacity: 1,
        perSecond: 1,
        onLimit: (c) => (c.type === 'PushMessage' && c.event === 'typing' ? 'reject' : 'allow'),
      },
    })
    const room = await h.joined()
    room.push('a')
    const typing = caught(room.push('typing'))
    room.push('urgent')
    expect(await typing).toMatchObject({ code: 'rate_limited', event: 'typing' })
    expect(h.sent().map((f) => f[3])).toEqual(['phx_join', 'a', 'urgent'])
  })

  test('a push waiting for tokens times out by its own timeout', async () => {
    const h = setup({ rateLimit: { capacity: 1, perSecond: 0.1 } })
    const room = await h.joined()
    void caught(room.push('a'))
    const late = caught(room.push('b', {}, { timeout: 1_000 }))
    await h.tick(1_000)
    expect(await late).toMatchObject({ code: 'timeout', event: 'b' })
    await h.tick(10_000)
    expect(h.sent().map((f) => f[3])).toEqual(['phx_join', 'a'])
  })

  test('a rate-limited join counts as a refusal and is retried', async () => {
    const h = setup({ rateLimit: { capacity: 1, perSecond: 0.5, costs: { JoinChannel: 1 } } })
    h.client.channel('room:1').join()
    const room = h.client.channel('room:2')
    room.join()
    await h.open()
    expect(room.$state.value).toEqual({ status: 'errored', reason: 'rate_limited', fatal: false })
    // Retried with backoff (at 250, 750, 1750 ms) until the bucket refilled (2 s).
    await h.tick(1_900)
    expect(h.sent().filter((f) => f[3] === 'phx_join' && f[2] === 'room:2')).toHaveLength(0)
    await h.tick(2_000)
    expect(h.events('RateLimited').map((e) => [e.command, e.action])).toEqual([
      ['JoinChannel', 'reject'],
      ['JoinChannel', 'reject'],
      ['JoinChannel', 'reject'],
      ['JoinChannel', 'reject'],
    ])
    await h.reply('phx_join', 'ok', {}, 'room:2')
    expect(room.$state.value).toEqual({ status: 'joined' })
  })

  test('pushes in flight when the socket drops fail with channel_closed', async () => {
    const h = setup()
    const room = await h.joined()
    const inFlight = caught(room.push('new_msg', {}))
    h.socket().serverClose(1006)
    expect(await inFlight).toMatchObject({ code: 'channel_closed' })
  })

  test('a push on a channel that was never joined fails with channel_closed', async () => {
    const h = setup()
    expect(await caught(h.client.channel('room:1').push('x'))).toMatchObject({
      code: 'channel_closed',
    })
    expect(h.fake.sockets).toHaveLength(0)
  })

  test('a listener that throws does not silence the others', async () => {
    const h = setup()
    const room = await h.joined()
    const got: unknown[] = []
    room.on('new_msg', () => {
      throw new Error('bad listener')
    })
    room.on('new_msg', (p) => got.push(p))
    h.receive([null, null, 'room:1', 'new_msg', { n: 1 }])
    await h.tick()
    expect(got).toEqual([{ n: 1 }])
    expect(h.logger.error).toHaveBeenCalledWith('wirestate: a listener threw', expect.any(Error))
  })

  test('onMessage hears every event with its name; a feature that throws takes nothing away', async () => {
    const h = setup()
    const room = await h.joined()
    const faulty = defineFeature((ctx) => {
      ctx.hook({
        message: () => {
          throw new Error('bad feature')
        },
      })
      return {}
    })
    faulty(room)
    const heard: unknown[] = []
    const off = room.onMessage((event, payload) => heard.push([event, payload]))
    h.receive([null, null, 'room:1', 'new_msg', { n: 1 }])
    h.receive([null, null, 'room:1', 'typing', { user: 'bob' }])
    await h.tick()
    off()
    h.receive([null, null, 'room:1', 'new_msg', { n: 2 }])
    await h.tick()
    expect(heard).toEqual([
      ['new_msg', { n: 1 }],
      ['typing', { user: 'bob' }],
    ])
    expect(h.logger.error).toHaveBeenCalledWith('wirestate: a listener threw', expect.any(Error))
  })
})
