import { atom } from 'nanostores'
import { describe, expect, test } from 'vitest'
import { type ChatMessage, MessageList, readMessage } from './message-list.ts'

const stored = (id: string, rev = 0): ChatMessage => ({
  key: id,
  id,
  body: id,
  user: 'bob',
  rev,
  status: 'confirmed',
})
const pending = (clientId: string): ChatMessage => ({
  key: clientId,
  id: undefined,
  body: clientId,
  user: undefined,
  clientId,
  rev: 0,
  status: 'pending',
})

describe('MessageList', () => {
  test('stored messages in id order (as numbers) before the pending ones; each update publishes one new array', () => {
    const $messages = atom<readonly ChatMessage[]>([])
    const list = new MessageList($messages)
    list.update((d) => {
      d.append(pending('p1'))
      for (const id of ['1000-0', '999-0', '1000-2', '1000-1', '5-0']) d.insert(stored(id))
    })
    const first = $messages.get()
    expect(first.map((m) => m.key)).toEqual(['5-0', '999-0', '1000-0', '1000-1', '1000-2', 'p1'])
    expect(list.confirmed).toBe(5)
    list.update((d) => {
      expect(d.indexOf('1000-1')).toBe(3)
      expect(d.indexOf('1000-3')).toBe(-1)
      expect(d.indexOfPending('p1')).toBe(5)
      expect(d.indexOfPending('nope')).toBe(-1)
      d.removeAt(d.indexOf('999-0'))
    })
    expect(first).toHaveLength(6)
    expect($messages.get().map((m) => m.key)).toEqual(['5-0', '1000-0', '1000-1', '1000-2', 'p1'])
  })

  test('insert replaces by id unless the held one is at a later revision, keeping its key', () => {
    const list = new MessageList(atom<readonly ChatMessage[]>([]))
    list.update((d) => {
      d.insert({ ...stored('1-0', 1), key: 'c-1' })
      expect(d.insert(stored('1-0', 0))).toBe('kept')
      expect(d.insert({ ...stored('1-0', 2), body: 'v2' })).toBe('replaced')
      expect(d.insert(stored('2-0'))).toBe('added')
    })
    expect(list.value.map((m) => [m.key, m.body, m.rev])).toEqual([
      ['c-1', 'v2', 2],
      ['2-0', '2-0', 0],
    ])
  })

  test('trim drops the oldest stored ones; retain keeps what it is told and every pending one', () => {
    const list = new MessageList(atom<readonly ChatMessage[]>([]))
    list.update((d) => {
      for (const id of ['1-0', '2-0', '3-0', '4-0']) d.insert(stored(id))
      d.append(pending('p'))
      expect(d.trim(5)).toBe(0)
      expect(d.trim(3)).toBe(1)
      d.retain((m) => m.id !== '3-0')
    })
    expect(list.value.map((m) => m.key)).toEqual(['2-0', '4-0', 'p'])
    expect(list.confirmed).toBe(2)
  })
})

describe('readMessage', () => {
  test('reads the wire shape into camelCase; refuses what has no stream id or body', () => {
    expect(
      readMessage({
        id: '1-0',
        body: 'hi',
        user: 'ann',
        client_id: 'c',
        rev: 2,
        edited_at: 7,
        extra: 1,
      }),
    ).toEqual({
      key: '1-0',
      id: '1-0',
      body: 'hi',
      user: 'ann',
      clientId: 'c',
      rev: 2,
      editedAt: 7,
      status: 'confirmed',
    })
    expect(readMessage({ id: '1-0', body: 'hi' })).toEqual({
      key: '1-0',
      id: '1-0',
      body: 'hi',
      user: undefined,
      rev: 0,
      status: 'confirmed',
    })
    expect(readMessage({ id: 'x', body: 'hi' })).toBeUndefined()
    expect(readMessage({ id: '1-0' })).toBeUndefined()
    expect(readMessage(null)).toBeUndefined()
  })
})
