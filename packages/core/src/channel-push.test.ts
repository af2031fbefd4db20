import { afterEach, describe, expect, test, vi } from 'vitest'
import { setup } from '../test/harness.ts'
import type { PushError } from './errors.ts'
import { defineFeature } from './features/define-feature.ts'

afterEach(() => {
  vi.useRealTimers()
})

const caught = (promise: Promise<unknown>) => promise.catch((e: PushError) => e)

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
