import { PushError } from '@wirestate/core'
import { describe, expect, test, vi } from 'vitest'
import { until, useMockServer } from './harness.ts'

// These suites are not about routes: any topic joins (the default is the server's).
const { mock, connect } = useMockServer({ catchAll: true })

describe('joins', () => {
  test('with catchAll, a join of any topic is ok with {}, and the whole exchange is recorded', async () => {
    const { client, events } = connect()
    const room = client.channel('room:1', { params: { nick: 'ann' } })
    room.join()
    await until(() => expect(room.$state.get()).toEqual({ status: 'joined' }))
    expect(events).toEqual(['StatusChanged', 'SocketOpened', 'StatusChanged', 'ChannelJoined'])
    expect(mock.pushes()).toEqual([
      { joinRef: '1', ref: '1', topic: 'room:1', event: 'phx_join', payload: { nick: 'ann' } },
    ])
    expect(mock.sent.map((f) => f.message)).toEqual([
      {
        joinRef: '1',
        ref: '1',
        topic: 'room:1',
        event: 'phx_reply',
        payload: { status: 'ok', response: {} },
      },
    ])
    expect(mock.connectionCount).toBe(1)
    expect(mock.connections[0]).toMatchObject({ id: 1, status: 'open', topics: ['room:1'] })
    expect(mock.connections[0]?.params).toEqual({ vsn: '2.0.0', refusal: 'close' })
  })

  test('a join rule can refuse, and the refusal is fatal for the client', async () => {
    mock.onJoin('room:private', () => ({ error: { reason: 'unauthorized' } }))
    const { client, events } = connect()
    const room = client.channel('room:private')
    room.join()
    await until(() =>
      expect(room.$state.get()).toEqual({
        status: 'errored',
        reason: 'unauthorized',
        fatal: true,
        response: { reason: 'unauthorized' },
      }),
    )
    expect(events).toContain('ChannelJoinRejected')
    expect(mock.sent[0]?.message.payload).toEqual({
      status: 'error',
      response: { reason: 'unauthorized' },
    })
    expect(mock.connections[0]?.topics).toEqual([])
  })

  test('a join rule sees the payload, connect params and wildcards, and answers', async () => {
    const seen: unknown[] = []
    mock.onJoin<{ nick: string }>('room:*', async (payload, ctx) => {
      seen.push(payload.nick, ctx.wildcards, ctx.connection.params.token)
      return { ok: { welcome: payload.nick } }
    })
    const { client } = connect({ params: { token: 't0k3n' } })
    const room = client.channel('room:42', { params: { nick: 'ann' } })
    const joined = vi.fn()
    client.inspect((e) => e.kind === 'event' && e.event.type === 'ChannelJoined' && joined(e.event))
    room.join()
    await until(() => expect(joined).toHaveBeenCalledOnce())
    expect(joined.mock.calls[0]?.[0]).toMatchObject({ response: { welcome: 'ann' } })
    expect(seen).toEqual(['ann', ['42'], 't0k3n'])
  })

  test('the rule added last wins, and removing it restores the one before', async () => {
    mock.onJoin('room:*', () => ({ error: { reason: 'closed for now' } }))
    const remove = mock.onJoin('room:1', () => ({ ok: { first: true } }))
    remove()
    const { client } = connect({ fatalJoinReasons: ['closed for now'] })
    const room = client.channel('room:1')
    room.join()
    await until(() => expect(room.$state.get()).toMatchObject({ reason: 'closed for now' }))
  })

  test('a join left without a reply times out on the client', async () => {
    mock.onJoin('room:slow', () => ({ noreply: true }))
    const { client, events } = connect({ pushTimeoutMs: 30, fatalJoinReasons: ['timeout'] })
    const room = client.channel('room:slow')
    room.join()
    await until(() =>
      expect(room.$state.get()).toEqual({ status: 'errored', reason: 'timeout', fatal: true }),
    )
    expect(events).toContain('ChannelJoinRejected')
    expect(mock.sent).toEqual([])
  })

  test('a join rule that throws answers "join crashed" and is recorded', async () => {
    const boom = new Error('boom')
    mock.onJoin('room:1', () => {
      throw boom
    })
    const { client } = connect({ fatalJoinReasons: ['join crashed'] })
    const room = client.channel('room:1')
    room.join()
    await until(() => expect(room.$state.get()).toMatchObject({ reason: 'join crashed' }))
    expect(mock.errors).toEqual([
      { kind: 'handler', connection: 1, topic: 'room:1', event: 'phx_join', error: boom },
    ])
  })
})

describe('pushes', () => {
  test('a push rule replies ok or error, sync or async', async () => {
    mock.onPush<{ body: string }>('room:*', 'new_msg', async ({ body }) =>
      body ? { ok: { id: 1 } } : { error: { reason: 'empty' } },
    )
    const { client } = connect()
    const room = client.channel('room:1')
    room.join()
    await expect(room.push('new_msg', { body: 'hi' })).resolves.toEqual({ id: 1 })
    const refused = await room.push('new_msg', { body: '' }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(PushError)
    expect(refused).toMatchObject({ code: 'error', response: { reason: 'empty' } })
    expect(mock.pushes('room:1', 'new_msg').map((m) => m.payload)).toEqual([
      { body: 'hi' },
      { body: '' },
    ])
  })

  test('a rule that returns nothing sends no reply: the push times out', async () => {
    mock.onPush('room:1', 'typing', () => undefined)
    const { client, events } = connect()
    const room = client.channel('room:1')
    room.join()
    const failed = await room.push('typing', {}, { timeout: 30 }).catch((e: unknown) => e)
    expect(failed).toMatchObject({ code: 'timeout' })
    expect(events.slice(-1)).toEqual(['PushTimedOut'])
    expect(mock.pushes('room:1', 'typing')).toHaveLength(1)
  })

  test('an event without a rule gets "unhandled event", as from the real server', async () => {
    const { client } = connect()
    const room = client.channel('room:1')
    room.join()
    await expect(room.push('nope', {})).rejects.toMatchObject({
      code: 'error',
      response: { reason: 'unhandled event' },
    })
  })

  test('a push rule can reply to the pusher and broadcast to everyone else', async () => {
    mock.onPush<{ body: string }>('room:*', 'new_msg', (msg, ctx) => {
      ctx.broadcastFrom('new_msg', { ...msg, from: ctx.connection.id })
      ctx.push('ack', { topic: ctx.topic })
      return { ok: {} }
    })
    const ann = connect().client.channel('room:1')
    const bob = connect().client.channel('room:1')
    const heardByAnn: unknown[] = []
    const heardByBob: unknown[] = []
    ann.on('new_msg', (m) => heardByAnn.push(m))
    ann.on('ack', (m) => heardByAnn.push(m))
    bob.on('new_msg', (m) => heardByBob.push(m))
    ann.join()
    bob.join()
    await until(() => expect(mock.connections.flatMap((c) => c.topics)).toHaveLength(2))
    await ann.push('new_msg', { body: 'hi' })
    await until(() => expect(heardByBob).toEqual([{ body: 'hi', from: 1 }]))
    expect(heardByAnn).toEqual([{ topic: 'room:1' }])
  })

  test('a push rule that throws crashes the join (phx_error) and the client rejoins', async () => {
    mock.onPush('room:1', 'explode', () => {
      throw new Error('handler bug')
    })
    const { client, events } = connect()
    const room = client.channel('room:1')
    room.join()
    const failed = await room.push('explode', {}).catch((e: unknown) => e)
    expect(failed).toMatchObject({ code: 'channel_closed' })
    await until(() => expect(mock.pushes('room:1', 'phx_join')).toHaveLength(2))
    await until(() => expect(room.$state.get()).toEqual({ status: 'joined' }))
    expect(events.filter((e) => e.startsWith('Channel'))).toEqual([
      'ChannelJoined',
      'ChannelErrored',
      'ChannelJoined',
    ])
    expect(mock.errors).toMatchObject([{ kind: 'handler', topic: 'room:1', event: 'explode' }])
  })

  test('leaving gets an ok reply then phx_close, and ends the membership', async () => {
    const { client, events } = connect()
    const room = client.channel('room:1')
    room.join()
    await until(() => expect(events).toContain('ChannelJoined'))
    room.leave()
    await until(() => expect(events).toContain('ChannelLeft'))
    expect(mock.sent.slice(-2).map((f) => [f.message.event, f.message.payload])).toEqual([
      ['phx_reply', { status: 'ok', response: {} }],
      ['phx_close', {}],
    ])
    expect(mock.connections[0]?.topics).toEqual([])
  })
})
