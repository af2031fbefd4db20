import { atom } from 'nanostores'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { setup } from '../../test/harness.ts'
import { defineFeature } from './define-feature.ts'

afterEach(() => {
  vi.useRealTimers()
})

/** A small custom feature: counts reactions, resets when the channel stops. */
const reactions = defineFeature((ctx, options: { initial: number } | undefined) => {
  const $count = ctx.bind(atom(options?.initial ?? 0))
  const setups = { cleanups: 0 }
  // `.value`, not `.get()`: reading an unsubscribed bound store with get() would join.
  ctx.on('reaction', () => $count.set(($count.value ?? 0) + 1))
  ctx.onCleanup(() => {
    setups.cleanups++
    $count.set(0)
  })
  return { $count, setups, client: ctx.client, react: () => ctx.channel.push('reaction', {}) }
})

describe('defineFeature', () => {
  test('one instance per channel; the options of the first call win; setup gets the client', async () => {
    const h = setup()
    const room = h.client.channel('room:1')
    const a = reactions(room, { initial: 5 })
    expect(reactions(room, { initial: 9 })).toBe(a)
    expect(reactions(h.client.channel('room:2'))).not.toBe(a)
    expect(a.client).toBe(h.client)
    expect(a.$count.value).toBe(5)
  })

  test('subscribing to a bound store joins; the last subscriber leaving leaves after the grace period', async () => {
    const h = setup()
    const room = h.client.channel('room:1')
    const { $count } = reactions(room)
    const seen: number[] = []
    const off = $count.subscribe((n) => seen.push(n))
    await h.open()
    await h.reply('phx_join', 'ok')
    expect(room.$state.value).toEqual({ status: 'joined' })
    h.receive([null, null, 'room:1', 'reaction', {}])
    h.receive([null, null, 'room:1', 'reaction', {}])
    await h.tick()
    expect(seen).toEqual([0, 2])
    off()
    await h.tick(1_000)
    expect(h.lastSent('phx_leave')[2]).toBe('room:1')
  })

  test('cleanups run every time the channel stops, and the instance comes back with the next join', async () => {
    const h = setup()
    const room = await h.joined()
    const r = reactions(room)
    h.receive([null, null, 'room:1', 'reaction', {}])
    await h.tick()
    expect(r.$count.value).toBe(1)
    room.leave()
    await h.reply('phx_leave', 'ok')
    expect(room.$state.value).toEqual({ status: 'closed' })
    expect(r.setups.cleanups).toBe(1)
    expect(r.$count.value).toBe(0)

    room.join()
    await h.reply('phx_join', 'ok')
    expect(reactions(room)).toBe(r)
    h.receive([null, null, 'room:1', 'reaction', {}])
    await h.tick()
    expect(r.$count.value).toBe(1)
    // Closed by the server, then refused for good: both are stops.
    const [joinRef] = h.lastSent('phx_join')
    h.receive([joinRef, joinRef, 'room:1', 'phx_close', {}])
    await h.tick()
    expect(r.setups.cleanups).toBe(2)
    room.leave()
    room.join()
    await h.reply('phx_join', 'error', { reason: 'unauthorized' })
    // The leave of an already closed channel is no second stop.
    expect(r.setups.cleanups).toBe(3)
  })

  test('a reconnect is not a stop: nothing is cleaned up', async () => {
    const h = setup()
    const room = await h.joined()
    const r = reactions(room)
    h.socket().serverClose(1006)
    await h.tick(250)
    await h.open()
    await h.reply('phx_join', 'ok')
    expect(r.setups.cleanups).toBe(0)
  })

  test('a cleanup that throws is logged and the others still run', async () => {
    const h = setup()
    const room = await h.joined()
    const ran: string[] = []
    const broken = defineFeature((ctx) => {
      ctx.onCleanup(() => {
        throw new Error('boom')
      })
      ctx.onCleanup(() => ran.push('second'))
      return {}
    })
    broken(room)
    room.leave()
    await h.reply('phx_leave', 'ok')
    expect(ran).toEqual(['second'])
    expect(h.logger.error).toHaveBeenCalledWith('wirestate: a listener threw', expect.any(Error))
  })

  test('hooks add join params, see the join reply and can drop messages before on() listeners', async () => {
    const h = setup()
    const room = h.client.channel('room:1', { params: () => ({ nick: 'ann' }) })
    const replies: unknown[] = []
    const got: unknown[] = []
    defineFeature((ctx) => {
      ctx.hook({
        params: () => ({ extra: 1 }),
        joined: (response) => replies.push(response),
        message: (_event, payload) => (payload as { keep: boolean }).keep,
      })
      return {}
    })(room)
    room.on('msg', (p) => got.push(p))
    room.join()
    await h.open()
    expect(h.lastSent('phx_join')[4]).toEqual({ nick: 'ann', extra: 1 })
    await h.reply('phx_join', 'ok', { hello: true })
    h.receive([null, null, 'room:1', 'msg', { keep: true }])
    h.receive([null, null, 'room:1', 'msg', { keep: false }])
    await h.tick()
    expect(replies).toEqual([{ hello: true }])
    expect(got).toEqual([{ keep: true }])
  })

  test('coalesced and dropped messages are reported to the inspect stream once per flush', async () => {
    const h = setup()
    const room = await h.joined()
    const counter = defineFeature((ctx) => {
      ctx.on('tick', () => ctx.coalesced('tick'))
      ctx.on('dup', () => ctx.dropped('dup'))
      return {}
    })
    counter(room)
    for (let i = 0; i < 5; i++) h.receive([null, null, 'room:1', 'tick', {}])
    h.receive([null, null, 'room:1', 'dup', {}])
    await h.tick()
    h.receive([null, null, 'room:1', 'tick', {}])
    await h.tick()
    expect(h.events('MessagesCoalesced')).toEqual([
      {
        type: 'MessagesCoalesced',
        time: expect.any(Number),
        topic: 'room:1',
        event: 'tick',
        count: 5,
      },
    ])
    expect(h.events('MessagesDropped')).toEqual([
      {
        type: 'MessagesDropped',
        time: expect.any(Number),
        topic: 'room:1',
        event: 'dup',
        count: 1,
        reason: 'duplicate',
      },
    ])
  })
})
