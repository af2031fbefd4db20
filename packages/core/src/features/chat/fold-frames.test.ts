import { afterEach, describe, expect, test, vi } from 'vitest'
import { chatRoom, msg, stored, TOPIC } from '../../../test/chat-harness.ts'
import type { PushError } from '../../errors.ts'
import type { ChatMessage } from './message-list.ts'

afterEach(() => {
  vi.useRealTimers()
})

// Changes are stream entries with their own id; the message they change is message_id.
const edited = (id: string, messageId: string, rev: number, body: string) => [
  null,
  null,
  TOPIC,
  'msg_edited',
  { id, message_id: messageId, body, user: 'ann', rev, edited_at: 1_700_000_000_000 + rev },
]
const deleted = (id: string, messageId: string, rev: number) => [
  null,
  null,
  TOPIC,
  'msg_deleted',
  { id, message_id: messageId, user: 'ann', rev },
]

describe('edit and delete', () => {
  test('edit pushes edit_msg; the broadcast change reaches listeners with the new and the old message', async () => {
    const { h, c } = await chatRoom({}, { messages: [stored('1-0', { user: 'ann' })], more: false })
    const seen: Array<[ChatMessage, ChatMessage]> = []
    c.on('edited', (next, prev) => seen.push([next, prev]))
    const before = c.$messages.value?.[0] as ChatMessage
    const done = c.edit('1-0', 'fixed')
    expect(h.lastSent('edit_msg')[4]).toEqual({ id: '1-0', body: 'fixed' })
    h.receive(edited('2-0', '1-0', 1, 'fixed'))
    await h.tick()
    await h.reply('edit_msg', 'ok', { id: '2-0', rev: 1 })
    await expect(done).resolves.toBeUndefined()
    const after = c.$messages.value?.[0]
    expect(after).toMatchObject({ id: '1-0', body: 'fixed', rev: 1, editedAt: 1_700_000_000_001 })
    expect(seen).toEqual([[after, before]])
    expect(before.body).toBe('body 1-0')
  })

  test('a change whose rev is not newer is ignored; so is one for a message not held', async () => {
    const { h, c } = await chatRoom(
      {},
      { messages: [stored('1-0', { rev: 2, body: 'v2' })], more: false },
    )
    const seen: unknown[] = []
    c.on('edited', (next) => seen.push(next))
    c.on('deleted', (m) => seen.push(m))
    h.receive(edited('5-0', '1-0', 2, 'stale'))
    h.receive(edited('6-0', '1-0', 1, 'older'))
    h.receive(edited('7-0', '0-9', 1, 'not held'))
    h.receive(deleted('8-0', '1-0', 1))
    await h.tick()
    expect(c.$messages.value?.map((m) => [m.body, m.rev])).toEqual([['v2', 2]])
    expect(seen).toEqual([])
  })

  test('remove pushes delete_msg; the broadcast removes it, listeners get it as it was; a late page cannot bring it back', async () => {
    const { h, c } = await chatRoom({}, { messages: [stored('1-0'), stored('2-0')], more: true })
    const gone: ChatMessage[] = []
    c.on('deleted', (m) => gone.push(m))
    const done = c.remove('1-0')
    expect(h.lastSent('delete_msg')[4]).toEqual({ id: '1-0' })
    h.receive(deleted('3-0', '1-0', 1))
    await h.tick()
    await h.reply('delete_msg', 'ok', { id: '3-0', rev: 1 })
    await done
    expect(c.$messages.value?.map((m) => m.id)).toEqual(['2-0'])
    expect(gone).toMatchObject([{ id: '1-0', body: 'body 1-0' }])
    // A page read before the delete reached the server.
    const older = c.loadOlder()
    await h.reply('history', 'ok', { messages: [stored('0-5'), stored('1-0')], more: false })
    await older
    expect(c.$messages.value?.map((m) => m.id)).toEqual(['0-5', '2-0'])
  })

  test('a refused edit rejects with the server reason; edit and remove need an id', async () => {
    const { h, c } = await chatRoom({}, { messages: [stored('1-0')], more: false })
    const refused = c.edit('1-0', 'mine now').catch((e: PushError) => e)
    await h.reply('edit_msg', 'error', { reason: 'forbidden' })
    expect(await refused).toMatchObject({ code: 'error', response: { reason: 'forbidden' } })
    expect(c.$messages.value?.[0]?.body).toBe('body 1-0')
    expect(() => c.remove(undefined as unknown as string)).toThrow(/id of a stored message/)
  })

  test('a listener that throws is logged and the others still run', async () => {
    const { h, c } = await chatRoom({}, { messages: [stored('1-0')], more: false })
    const ran: string[] = []
    c.on('deleted', () => {
      throw new Error('boom')
    })
    c.on('deleted', (m) => ran.push(m.id as string))
    h.receive(deleted('2-0', '1-0', 1))
    await h.tick()
    expect(ran).toEqual(['1-0'])
    expect(h.logger.error).toHaveBeenCalledWith('wirestate: a listener threw', expect.any(Error))
  })
})

describe('incoming messages', () => {
  test('ordered by stream id as numbers, each id once; frames that are not messages are skipped', async () => {
    const { h, c, ids } = await chatRoom({}, { messages: [stored('1000-0')], more: true })
    h.receive(msg('1000-0'))
    h.receive(msg('1000-1'))
    h.receive([null, null, TOPIC, 'new_msg', { body: 'no id' }])
    h.receive([null, null, TOPIC, 'new_msg', { id: '1001-0' }])
    await h.tick()
    expect(ids()).toEqual(['1000-0', '1000-1'])
    // As text, '1000-0' would sort before '998-0'.
    const older = c.loadOlder()
    await h.reply('history', 'ok', { messages: [stored('998-0'), stored('999-0')], more: false })
    await older
    expect(ids()).toEqual(['998-0', '999-0', '1000-0', '1000-1'])
  })
})
