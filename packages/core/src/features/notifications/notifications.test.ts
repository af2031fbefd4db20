import { afterEach, describe, expect, test, vi } from 'vitest'
import { type Harness, setup } from '../../../test/harness.ts'
import type { PushError } from '../../errors.ts'
import {
  type Notification,
  type NotificationsOptions,
  notifications,
  notificationsTopic,
} from './index.ts'

afterEach(() => {
  vi.useRealTimers()
})

const TOPIC = notificationsTopic('carol')
const note = (id: string, read?: boolean) => ({
  kind: 'mention',
  from: 'dave',
  id,
  ...(read === undefined ? {} : { read }),
})
const live = (id: string) => [null, null, TOPIC, 'notification', note(id)]
const state = (
  unread: number,
  latest: string | null,
  readThrough: string | null = null,
  read: string[] = [],
) => ({
  unread,
  latest,
  read_through: readThrough,
  read,
})
const pushed = (s: object) => [null, null, TOPIC, 'notifications_state', s]

/** Joined with `joinState` in the reply and `page` as the first history page. */
async function inbox(
  joinState: object,
  page: { notifications: unknown[]; more: boolean },
  options?: NotificationsOptions,
) {
  const h = setup()
  const n = notifications(h.client.channel(TOPIC), options)
  n.$unread.subscribe(() => {})
  await h.open()
  await h.reply('phx_join', 'ok', joinState)
  await h.reply('history', 'ok', page)
  const ids = () => (n.$items.value ?? []).map((i) => `${i.id}${i.read ? ' read' : ''}`)
  return { h, n, ids }
}

const reconnect = async (h: Harness) => {
  const count = h.fake.sockets.length
  h.socket().serverClose(1006)
  while (h.fake.sockets.length === count) await h.tick(250)
  await h.open()
}

describe('notifications', () => {
  test('the join asks for the read state; the first page shows newest first with read flags', async () => {
    const { h, n, ids } = await inbox(state(2, '3-0', '1-0'), {
      notifications: [note('1-0', true), note('2-0', false), note('3-0', false)],
      more: false,
    })
    expect(h.sent(h.socket()).find((f) => f[3] === 'phx_join')?.[4]).toEqual({ state: true })
    expect(h.lastSent('history')[4]).toEqual({ before: null, limit: 50 })
    expect(ids()).toEqual(['3-0', '2-0', '1-0 read'])
    expect(n.$unread.value).toBe(2)
    expect(n.$items.value?.[0]).toEqual({ kind: 'mention', from: 'dave', id: '3-0', read: false })
  })

  test('a live notification after the state adds one unread; a replayed one the state covers does not', async () => {
    const { h, n, ids } = await inbox(state(1, '3-0'), {
      notifications: [note('3-0')],
      more: false,
    })
    const toasts: Notification[] = []
    n.on('notification', (item) => toasts.push(item))
    h.receive(live('4-0'))
    await h.tick()
    expect(n.$unread.value).toBe(2)
    expect(toasts).toEqual([{ kind: 'mention', from: 'dave', id: '4-0', read: false }])
    await reconnect(h)
    expect(h.lastSent('phx_join')[4]).toEqual({ state: true, since: '4-0' })
    // 5-0 came while we were away: the state covers it, the replay brings it.
    await h.reply('phx_join', 'ok', { ...state(3, '5-0'), recovered: true })
    const [joinRef] = h.lastSent('phx_join')
    h.receive([joinRef, null, TOPIC, 'notification', note('5-0')])
    await h.tick()
    expect(ids()).toEqual(['5-0', '4-0', '3-0'])
    expect(n.$unread.value).toBe(3)
  })

  test('markRead is optimistic, then the reply state replaces ours (another tab read one meanwhile)', async () => {
    const { h, n, ids } = await inbox(state(3, '3-0'), {
      notifications: [note('1-0'), note('2-0'), note('3-0')],
      more: false,
    })
    const done = n.markRead('2-0')
    expect(n.$unread.value).toBe(2)
    expect(ids()).toEqual(['3-0', '2-0 read', '1-0'])
    expect(h.lastSent('mark_read')[4]).toEqual({ id: '2-0' })
    // Every tab gets the state first, then we get the reply.
    h.receive(pushed(state(1, '3-0', '1-0', ['2-0'])))
    await h.tick()
    await h.reply('mark_read', 'ok', state(1, '3-0', '1-0', ['2-0']))
    await done
    expect(ids()).toEqual(['3-0', '2-0 read', '1-0 read'])
    expect(n.$unread.value).toBe(1)
  })

  test('a state from another tab that does not know our mark yet does not undo it', async () => {
    const { h, n } = await inbox(state(2, '2-0'), {
      notifications: [note('1-0'), note('2-0')],
      more: false,
    })
    const done = n.markRead('1-0')
    h.receive(pushed(state(2, '2-0')))
    await h.tick()
    expect(n.$unread.value).toBe(1)
    await h.reply('mark_read', 'ok', state(1, '2-0', '1-0'))
    await done
    expect(n.$unread.value).toBe(1)
  })

  test('a refused mark is undone and rejects; marking what is read already sends nothing', async () => {
    const { h, n, ids } = await inbox(state(1, '2-0', '1-0'), {
      notifications: [note('1-0', true), note('2-0')],
      more: false,
    })
    const refused = n.markRead('2-0').catch((e: PushError) => e)
    expect(n.$unread.value).toBe(0)
    await h.reply('mark_read', 'error', { reason: 'invalid id' })
    expect(await refused).toMatchObject({ code: 'error' })
    expect(n.$unread.value).toBe(1)
    expect(ids()).toEqual(['2-0', '1-0 read'])
    await n.markRead('1-0')
    expect(h.sent().filter((f) => f[3] === 'mark_read')).toHaveLength(1)
    expect(() => n.markRead('nope')).toThrow(/notification id/)
  })

  test('markAllRead sends the newest id known; one that arrives meanwhile stays unread', async () => {
    const { h, n, ids } = await inbox(state(2, '2-0'), {
      notifications: [note('1-0'), note('2-0')],
      more: false,
    })
    const done = n.markAllRead()
    expect(h.lastSent('mark_all_read')[4]).toEqual({ through: '2-0' })
    expect(n.$unread.value).toBe(0)
    h.receive(live('3-0'))
    await h.tick()
    expect(n.$unread.value).toBe(1)
    await h.reply('mark_all_read', 'ok', state(0, '2-0', '2-0'))
    await done
    expect(ids()).toEqual(['3-0', '2-0 read', '1-0 read'])
    expect(n.$unread.value).toBe(1)
    // The server's later state (it stored 3-0 and one more we have not seen) wins.
    h.receive(pushed(state(2, '4-0', '2-0')))
    await h.tick()
    expect(n.$unread.value).toBe(2)
  })

  test('a gap reloads the latest page, replacing stale items', async () => {
    const { h, ids } = await inbox(state(0, '2-0'), {
      notifications: [note('1-0'), note('2-0')],
      more: false,
    })
    await reconnect(h)
    await h.reply('phx_join', 'ok', { ...state(1, '9-0'), recovered: false })
    h.receive(live('10-0'))
    await h.tick()
    await h.reply('history', 'ok', { notifications: [note('8-0'), note('9-0')], more: true })
    expect(ids()).toEqual(['10-0', '9-0', '8-0'])
  })

  test('a stream_gap while joined reloads the latest page at once', async () => {
    const { h, ids } = await inbox(state(0, '2-0'), {
      notifications: [note('1-0'), note('2-0')],
      more: false,
    })
    h.receive([null, null, TOPIC, 'stream_gap', { recovered: false }])
    await h.tick()
    expect(h.lastSent('history')[4]).toMatchObject({ before: null })
    await h.reply('history', 'ok', { notifications: [note('5-0')], more: false })
    expect(ids()).toEqual(['5-0'])
  })

  test('the maxItems window drops the oldest; loadOlder pages back before the oldest held', async () => {
    const { h, n, ids } = await inbox(
      state(0, '2-0'),
      { notifications: [note('1-0', true), note('2-0', true)], more: false },
      { maxItems: 2, pageSize: 1 },
    )
    h.receive(live('3-0'))
    await h.tick()
    expect(ids()).toEqual(['3-0', '2-0 read'])
    expect(n.$hasMore.value).toBe(true)
    const older = n.loadOlder()
    expect(n.loadOlder()).toBe(older)
    expect(h.lastSent('history')[4]).toEqual({ before: '2-0', limit: 1 })
    await h.reply('history', 'ok', { notifications: [note('1-0', true)], more: false })
    await older
    expect(ids()).toEqual(['3-0', '2-0 read', '1-0 read'])
    expect(n.$hasMore.value).toBe(false)
    expect(n.$unread.value).toBe(1)
  })
})
