import { afterEach, describe, expect, test, vi } from 'vitest'
import { chatRoom, msg, reconnect, TOPIC } from '../../../test/chat-harness.ts'
import { createClientId } from './outbox.ts'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('optimistic send', () => {
  test('a pending message shows at once; the broadcast confirms it before the reply, once', async () => {
    const { h, c, ids } = await chatRoom({ user: 'ann' })
    h.receive(msg('10-0'))
    await h.tick()
    const pending = c.send('hello')
    expect(pending).toMatchObject({ status: 'pending', body: 'hello', user: 'ann', id: undefined })
    expect(pending.clientId).toMatch(UUID)
    expect(pending.key).toBe(pending.clientId)
    expect(c.$messages.value?.at(-1)).toBe(pending)
    expect(h.lastSent('new_msg')[4]).toEqual({ body: 'hello', client_id: pending.clientId })

    // As Phoenix: the broadcast to everyone (us too), then our reply.
    const clientId = pending.clientId
    h.receive(msg('11-0', { body: 'hello', user: 'ann', client_id: clientId }))
    await h.tick()
    expect(ids()).toEqual(['10-0', '11-0'])
    await h.reply('new_msg', 'ok', { id: '11-0' })
    expect(ids()).toEqual(['10-0', '11-0'])
    expect(c.$messages.value?.[1]).toEqual({
      key: clientId,
      id: '11-0',
      body: 'hello',
      user: 'ann',
      clientId,
      rev: 0,
      status: 'confirmed',
    })
  })

  test('the reply can come first: the broadcast then replaces the entry, no second one', async () => {
    const { h, c, ids } = await chatRoom()
    const { clientId } = c.send('hi')
    await h.reply('new_msg', 'ok', { id: '5-0' })
    expect(c.$messages.value?.[0]).toMatchObject({
      id: '5-0',
      status: 'confirmed',
      user: undefined,
    })
    h.receive(msg('5-0', { body: 'hi', user: 'ann', client_id: clientId }))
    await h.tick()
    expect(ids()).toEqual(['5-0'])
    expect(c.$messages.value?.[0]).toMatchObject({ key: clientId, user: 'ann' })
  })

  test("others' messages sort in before ours not yet stored; the 'message' event is not for ours", async () => {
    const { h, c, ids } = await chatRoom()
    const heard: string[] = []
    c.on('message', (m) => heard.push(m.id as string))
    const { clientId } = c.send('mine')
    h.receive(msg('7-0'))
    await h.tick()
    expect(ids()).toEqual(['7-0', 'pending:mine'])
    h.receive(msg('8-0', { body: 'mine', client_id: clientId }))
    await h.tick()
    expect(ids()).toEqual(['7-0', '8-0'])
    expect(heard).toEqual(['7-0'])
  })

  test('a refusal fails it with the reason; retry sends the same client id again', async () => {
    const { h, c, ids } = await chatRoom()
    const { clientId } = c.send('x')
    await h.reply('new_msg', 'error', { reason: 'in progress' })
    expect(c.$messages.value?.[0]).toMatchObject({
      status: 'failed',
      error: 'in progress',
      errorCode: 'error',
    })
    c.retry(clientId as string)
    expect(ids()).toEqual(['pending:x'])
    expect(c.$messages.value?.[0]).not.toHaveProperty('error')
    expect(c.$messages.value?.[0]).not.toHaveProperty('errorCode')
    expect(h.lastSent('new_msg')[4]).toEqual({ body: 'x', client_id: clientId })
    expect(h.sent().filter((f) => f[3] === 'new_msg')).toHaveLength(2)
    await h.reply('new_msg', 'ok', { id: '3-0' })
    expect(ids()).toEqual(['3-0'])
  })

  test('retry of a message that has not failed does nothing; discard drops a failed one', async () => {
    const { h, c, ids } = await chatRoom()
    const { clientId } = c.send('x')
    c.retry(clientId as string)
    expect(h.sent().filter((f) => f[3] === 'new_msg')).toHaveLength(1)
    await h.reply('new_msg', 'error', { reason: 'invalid message' })
    c.discard(clientId as string)
    expect(ids()).toEqual([])
  })

  test('a send cut by a dropped socket stays pending and is sent again after the rejoin; the replay confirms it once', async () => {
    const { h, c, ids } = await chatRoom()
    h.receive(msg('10-0'))
    await h.tick()
    const { clientId } = c.send('hello')
    await reconnect(h)
    expect(ids()).toEqual(['10-0', 'pending:hello'])
    // Not re-sent before the channel is joined again.
    expect(h.sent().map((f) => f[3])).toEqual(['phx_join'])
    expect(h.lastSent('phx_join')[4]).toEqual({ since: '10-0' })
    await h.reply('phx_join', 'ok', { recovered: true })
    expect(h.lastSent('new_msg')[4]).toEqual({ body: 'hello', client_id: clientId })
    // The server had stored it before the drop: the replay holds it, then the repeat's reply.
    const [joinRef] = h.lastSent('phx_join')
    h.receive([
      joinRef,
      null,
      TOPIC,
      'new_msg',
      { id: '11-0', body: 'hello', user: 'ann', client_id: clientId },
    ])
    await h.tick()
    await h.reply('new_msg', 'ok', { id: '11-0' })
    expect(ids()).toEqual(['10-0', '11-0'])
    expect(c.$messages.value?.[1]?.key).toBe(clientId)
  })

  test('a send made while reconnecting waits for the join, then the broadcast and reply confirm it once', async () => {
    const { h, c, ids } = await chatRoom()
    h.socket().serverClose(1006)
    await h.tick()
    const { clientId } = c.send('offline')
    await h.tick(250)
    await h.open()
    await h.reply('phx_join', 'ok', {})
    expect(h.sent().filter((f) => f[3] === 'new_msg')).toHaveLength(1)
    h.receive(msg('12-0', { body: 'offline', client_id: clientId }))
    await h.tick()
    await h.reply('new_msg', 'ok', { id: '12-0' })
    expect(ids()).toEqual(['12-0'])
  })

  test('a timed-out send fails, and the next join sends it again', async () => {
    const { h, c, ids } = await chatRoom()
    const { clientId } = c.send('slow')
    await h.tick(10_000)
    expect(c.$messages.value?.[0]).toMatchObject({
      status: 'failed',
      error: 'timeout',
      errorCode: 'timeout',
    })
    await reconnect(h)
    await h.reply('phx_join', 'ok', {})
    expect(ids()).toEqual(['pending:slow'])
    expect(h.lastSent('new_msg')[4]).toEqual({ body: 'slow', client_id: clientId })
    await h.reply('new_msg', 'ok', { id: '1-0' })
    expect(ids()).toEqual(['1-0'])
  })

  test('sends that time out while joined are sent again by themselves, in order, with backoff', async () => {
    const { h, c, ids } = await chatRoom()
    const sends = () => h.sent().filter((f) => f[3] === 'new_msg')
    const one = c.send('one')
    const two = c.send('two')
    await h.tick(10_000)
    expect(ids()).toEqual(['failed:one', 'failed:two'])
    // The first resend waits minDelayMs (250, jitter off), then both go, in the order written.
    await h.tick(240)
    expect(sends()).toHaveLength(2)
    await h.tick(10)
    expect(ids()).toEqual(['pending:one', 'pending:two'])
    const payloads = (frames: unknown[][]) => frames.map((f) => f[4])
    const again = [
      { body: 'one', client_id: one.clientId },
      { body: 'two', client_id: two.clientId },
    ]
    expect(payloads(sends().slice(2))).toEqual(again)
    // They time out again: the next resend waits twice as long.
    await h.tick(10_000)
    await h.tick(490)
    expect(sends()).toHaveLength(4)
    await h.tick(10)
    expect(payloads(sends().slice(4))).toEqual(again)
    for (const [i, [joinRef, ref, topic]] of sends().slice(4).entries()) {
      h.receive([
        joinRef,
        ref,
        topic,
        'phx_reply',
        { status: 'ok', response: { id: `${i + 1}-0` } },
      ])
    }
    await h.tick()
    expect(ids()).toEqual(['1-0', '2-0'])
  })

  test('leaving fails what is still pending with channel_closed; it is not sent on the next join', async () => {
    const { h, c, room } = await chatRoom()
    h.socket().serverClose(1006)
    await h.tick()
    c.send('lost')
    room.leave()
    await h.tick()
    expect(c.$messages.value?.[0]).toMatchObject({
      status: 'failed',
      error: 'channel_closed',
      errorCode: 'channel_closed',
    })
    room.join()
    await h.tick(250)
    await h.open()
    await h.reply('phx_join', 'ok', {})
    expect(h.sent().filter((f) => f[3] === 'new_msg')).toEqual([])
  })

  test('send needs a non-empty body', async () => {
    const { c } = await chatRoom()
    expect(() => c.send('')).toThrow(/non-empty string/)
  })
})

describe('client ids', () => {
  test('are UUIDs, with a fallback where crypto.randomUUID is missing', () => {
    expect(createClientId()).toMatch(UUID)
    vi.stubGlobal('crypto', undefined)
    const a = createClientId()
    const b = createClientId()
    expect(a).toMatch(/^[0-9a-z]+-[0-9a-z]+-[0-9a-z]+$/)
    expect(a).not.toBe(b)
    expect(a.length).toBeLessThanOrEqual(64)
  })
})
