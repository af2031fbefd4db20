import { afterEach, describe, expect, test, vi } from 'vitest'
import { setup } from '../test/harness.ts'
import type { PushError } from './errors.ts'

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
