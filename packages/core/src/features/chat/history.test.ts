import { afterEach, describe, expect, test, vi } from 'vitest'
import { chatRoom, msg, reconnect, stored, TOPIC } from '../../../test/chat-harness.ts'
import { setup } from '../../../test/harness.ts'
import type { PushError } from '../../errors.ts'
import { chat } from './index.ts'

afterEach(() => {
  vi.useRealTimers()
})

const page = (ids: string[], more: boolean) => ({ messages: ids.map((id) => stored(id)), more })

describe('history', () => {
  test('the first join loads the latest page; live messages merge with it by id, in id order', async () => {
    const { h, c, ids } = await chatRoom({}, page(['999-0', '1000-0'], true))
    expect(h.lastSent('history')[4]).toEqual({ before: null, limit: 50 })
    expect(ids()).toEqual(['999-0', '1000-0'])
    expect(c.$hasMore.value).toBe(true)
    expect(c.$loading.value).toBe(false)
    h.receive(msg('1000-0'))
    h.receive(msg('1001-0'))
    await h.tick()
    expect(ids()).toEqual(['999-0', '1000-0', '1001-0'])
  })

  test('live messages that arrive before the first page are kept and not doubled', async () => {
    const h = setup()
    const c = chat(h.client.channel(TOPIC))
    c.$messages.subscribe(() => {})
    await h.open()
    await h.reply('phx_join', 'ok', {})
    expect(c.$loading.value).toBe(true)
    h.receive(msg('5-0'))
    h.receive(msg('6-0'))
    await h.tick()
    await h.reply('history', 'ok', page(['4-0', '5-0'], false))
    expect(c.$messages.value?.map((m) => m.id)).toEqual(['4-0', '5-0', '6-0'])
    expect(c.$loading.value).toBe(false)
    // The next rejoin resumes after the newest message held.
    await reconnect(h)
    expect(h.lastSent('phx_join')[4]).toEqual({ since: '6-0' })
  })

  test('loadOlder pages back to the start: before = oldest held, merged without duplicates, $loading meanwhile', async () => {
    const { h, c, ids } = await chatRoom({ pageSize: 2 }, page(['5-0', '6-0'], true))
    const loading: boolean[] = []
    c.$loading.listen((l) => loading.push(l))
    const first = c.loadOlder()
    expect(c.loadOlder()).toBe(first)
    expect(h.lastSent('history')[4]).toEqual({ before: '5-0', limit: 2 })
    // The page overlaps what is held (a message that came live meanwhile): merged by id.
    await h.reply('history', 'ok', page(['3-0', '5-0'], true))
    await first
    expect(ids()).toEqual(['3-0', '5-0', '6-0'])
    const second = c.loadOlder()
    expect(h.lastSent('history')[4]).toEqual({ before: '3-0', limit: 2 })
    await h.reply('history', 'ok', page(['1-0', '2-0'], false))
    await second
    expect(ids()).toEqual(['1-0', '2-0', '3-0', '5-0', '6-0'])
    expect(c.$hasMore.value).toBe(false)
    expect(loading).toEqual([true, false, true, false])
    const sent = h.sent().length
    await c.loadOlder()
    expect(h.sent()).toHaveLength(sent)
  })

  test('a failed page rejects loadOlder and it can be asked again', async () => {
    const { h, c } = await chatRoom({}, page(['5-0'], true))
    const failed = c.loadOlder().catch((e: PushError) => e)
    await h.reply('history', 'error', { reason: 'invalid id' })
    expect(await failed).toMatchObject({ code: 'error', response: { reason: 'invalid id' } })
    expect(c.$loading.value).toBe(false)
    void c.loadOlder()
    expect(h.sent().filter((f) => f[3] === 'history')).toHaveLength(3)
  })

  test('a gap reloads the latest page: stale messages go, pending sends and messages since the gap stay', async () => {
    const { h, c, ids } = await chatRoom({}, page(['1-0', '2-0', '3-0'], false))
    const older = c.loadOlder()
    await older
    c.send('unsent')
    await reconnect(h)
    expect(h.lastSent('phx_join')[4]).toEqual({ since: '3-0' })
    await h.reply('phx_join', 'ok', { recovered: false })
    expect(h.lastSent('history')[4]).toEqual({ before: null, limit: 50 })
    const [joinRef] = h.lastSent('phx_join')
    h.receive([joinRef, null, TOPIC, 'new_msg', stored('8-0')])
    h.receive(msg('9-0'))
    await h.tick()
    expect(ids()).toEqual(['1-0', '2-0', '3-0', '8-0', '9-0', 'pending:unsent'])
    await h.reply('history', 'ok', page(['7-0', '8-0'], true))
    expect(ids()).toEqual(['7-0', '8-0', '9-0', 'pending:unsent'])
    expect(c.$hasMore.value).toBe(true)
  })

  test('a send its reply confirms while the reload is on its way survives the reload', async () => {
    const { h, c, ids } = await chatRoom({}, page(['1-0'], false))
    await reconnect(h)
    await h.reply('phx_join', 'ok', { recovered: false })
    const [joinRef, reloadRef] = h.lastSent('history')
    c.send('during the reload')
    // The reply alone confirms it (a repeat of a stored client id is not broadcast again).
    await h.reply('new_msg', 'ok', { id: '5-0' })
    expect(ids()).toEqual(['1-0', '5-0'])
    // The page was read before it was stored.
    h.receive([
      joinRef,
      reloadRef,
      TOPIC,
      'phx_reply',
      { status: 'ok', response: page(['4-0'], false) },
    ])
    await h.tick()
    expect(ids()).toEqual(['4-0', '5-0'])
  })

  test('a reload that fails is tried again on the next join', async () => {
    const { h, ids } = await chatRoom({}, page(['1-0'], false))
    await reconnect(h)
    await h.reply('phx_join', 'ok', { recovered: false })
    await h.reply('history', 'error', { reason: 'boom' })
    expect(h.logger.warn).toHaveBeenCalledWith(
      'wirestate chat: loading the latest messages failed',
      expect.anything(),
    )
    await reconnect(h)
    await h.reply('phx_join', 'ok', { recovered: true })
    await h.reply('history', 'ok', page(['4-0'], false))
    expect(ids()).toEqual(['4-0'])
  })

  test('a stream_gap while joined reloads the latest page at once, replacing what was held', async () => {
    const { h, ids } = await chatRoom({}, page(['1-0', '2-0'], false))
    h.receive([null, null, TOPIC, 'stream_gap', { recovered: false }])
    await h.tick()
    expect(h.lastSent('history')[4]).toEqual({ before: null, limit: 50 })
    h.receive(msg('3-0')) // live after the gap: kept through the reload
    await h.tick()
    await h.reply('history', 'ok', page(['3-0'], false))
    expect(ids()).toEqual(['3-0'])
    expect(h.sent().filter((f) => f[3] === 'phx_join')).toHaveLength(1)
  })

  test('a resumed rejoin loads no page; the replay fills in', async () => {
    const { h, ids } = await chatRoom({}, page(['1-0'], false))
    await reconnect(h)
    await h.reply('phx_join', 'ok', { recovered: true })
    expect(h.sent().filter((f) => f[3] === 'history')).toEqual([])
    const [joinRef] = h.lastSent('phx_join')
    h.receive([joinRef, null, TOPIC, 'new_msg', stored('2-0')])
    await h.tick()
    expect(ids()).toEqual(['1-0', '2-0'])
  })
})

describe('the maxMessages window', () => {
  test('drops the oldest and makes $hasMore true; loadOlder widens it for the pages asked for', async () => {
    const { h, c, ids } = await chatRoom({ maxMessages: 3, pageSize: 2 }, page(['1-0'], false))
    for (const id of ['2-0', '3-0', '4-0', '5-0']) h.receive(msg(id))
    await h.tick()
    expect(ids()).toEqual(['3-0', '4-0', '5-0'])
    expect(c.$hasMore.value).toBe(true)
    const older = c.loadOlder()
    expect(h.lastSent('history')[4]).toEqual({ before: '3-0', limit: 2 })
    await h.reply('history', 'ok', page(['1-0', '2-0'], false))
    await older
    expect(ids()).toEqual(['1-0', '2-0', '3-0', '4-0', '5-0'])
    // Live messages keep the window at its new size, dropping the oldest.
    h.receive(msg('6-0'))
    await h.tick()
    expect(ids()).toEqual(['2-0', '3-0', '4-0', '5-0', '6-0'])
    expect(c.$hasMore.value).toBe(true)
  })

  test('a first page larger than the window is cut to it', async () => {
    const { c, ids } = await chatRoom({ maxMessages: 2 }, page(['1-0', '2-0', '3-0'], false))
    expect(ids()).toEqual(['2-0', '3-0'])
    expect(c.$hasMore.value).toBe(true)
  })

  test('options are checked at once', async () => {
    const { h } = await chatRoom()
    expect(() => chat(h.client.channel('room:2'), { maxMessages: 0 })).toThrow(/maxMessages/)
  })
})
