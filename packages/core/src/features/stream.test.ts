import { afterEach, describe, expect, test, vi } from 'vitest'
import { setup } from '../../test/harness.ts'
import { orderStreamIds, parseStreamId, stream } from './stream.ts'

afterEach(() => {
  vi.useRealTimers()
})

const msg = (id: string, body = id) => [null, null, 'room:1', 'new_msg', { id, body }]
const replayed = (joinRef: string | null, id: string) => [
  joinRef,
  null,
  'room:1',
  'new_msg',
  { id, body: id },
]

async function streamed(options?: { since?: string }) {
  const h = setup()
  const room = h.client.channel<{ receive: { new_msg: { id: string } } }>('room:1', {
    params: () => ({ nick: 'ann' }),
  })
  const s = stream(room, options)
  const got: string[] = []
  const gaps: unknown[] = []
  room.on('new_msg', (m) => got.push(m.id))
  s.onGap((gap) => gaps.push(gap))
  room.join()
  await h.open()
  return { h, room, s, got, gaps }
}

describe('stream ids', () => {
  test('ordered as two numbers, never as text; what is not an id sorts first', () => {
    expect(parseStreamId('1795340286123-4')).toEqual({ ms: 1795340286123, seq: 4 })
    expect(parseStreamId('12')).toBeNull()
    expect(orderStreamIds('999-0', '1000-0')).toBeLessThan(0)
    expect(orderStreamIds('5-10', '5-9')).toBeGreaterThan(0)
    expect(orderStreamIds('5-1', '5-1')).toBe(0)
    expect(orderStreamIds('pending', '0-1')).toBeLessThan(0)
  })
})

describe('stream channel', () => {
  test('the first join sends no since; later rejoins send the last id seen, with the params', async () => {
    const { h, s } = await streamed()
    expect(h.lastSent('phx_join')[4]).toEqual({ nick: 'ann' })
    await h.reply('phx_join', 'ok')
    h.receive(msg('999-0'))
    h.receive(msg('1000-0'))
    await h.tick()
    expect(s.lastId()).toBe('1000-0')
    h.socket().serverClose(1006)
    await h.tick(250)
    await h.open()
    expect(h.lastSent('phx_join')[4]).toEqual({ nick: 'ann', since: '1000-0' })
  })

  test('duplicates and older ids are dropped; ids without a stream id pass; the drop is inspected', async () => {
    const { h, got } = await streamed()
    await h.reply('phx_join', 'ok')
    h.receive(msg('999-0'))
    h.receive(msg('999-0'))
    h.receive(msg('1000-0'))
    h.receive(msg('999-5'))
    h.receive(msg('1000-1'))
    h.receive([null, null, 'room:1', 'typing', { user: 'bob' }])
    await h.tick()
    expect(got).toEqual(['999-0', '1000-0', '1000-1'])
    expect(h.events('MessagesDropped')).toMatchObject([
      { topic: 'room:1', event: 'new_msg', count: 2, reason: 'duplicate' },
    ])
  })

  test('a rejoin resumes: the replay and the live messages race, each id is delivered once, in order', async () => {
    const { h, got, gaps } = await streamed()
    await h.reply('phx_join', 'ok')
    h.receive(msg('10-0'))
    await h.tick()
    h.socket().serverClose(1006)
    await h.tick(250)
    await h.open()
    await h.reply('phx_join', 'ok', { recovered: true })
    const [joinRef] = h.lastSent('phx_join')
    h.receive(replayed(joinRef, '11-0'))
    h.receive(replayed(joinRef, '12-0'))
    h.receive(msg('12-0'))
    h.receive(msg('13-0'))
    await h.tick()
    expect(got).toEqual(['10-0', '11-0', '12-0', '13-0'])
    expect(gaps).toEqual([])
  })

  test('recovered: false raises a gap once, and what follows is delivered', async () => {
    const { h, got, gaps, s } = await streamed()
    await h.reply('phx_join', 'ok')
    h.receive(msg('50-0'))
    await h.tick()
    h.socket().serverClose(1006)
    await h.tick(250)
    await h.open()
    expect(h.lastSent('phx_join')[4]).toMatchObject({ since: '50-0' })
    await h.reply('phx_join', 'ok', { recovered: false })
    // A stream the server lost and started again: its ids may be lower than ours.
    h.receive(msg('7-0'))
    await h.tick()
    expect(gaps).toEqual([{ topic: 'room:1', since: '50-0', live: false }])
    expect(got).toEqual(['50-0', '7-0'])
    expect(s.lastId()).toBe('7-0')
  })

  test('since from the options and seen() from a loaded page move the resume point forward only', async () => {
    const { h, s, got } = await streamed({ since: '100-0' })
    expect(h.lastSent('phx_join')[4]).toEqual({ nick: 'ann', since: '100-0' })
    await h.reply('phx_join', 'ok', { recovered: true })
    s.seen('120-0')
    s.seen('110-0')
    s.seen('not an id')
    expect(s.lastId()).toBe('120-0')
    h.receive(msg('115-0'))
    h.receive(msg('121-0'))
    await h.tick()
    expect(got).toEqual(['121-0'])
  })

  test('a stream_gap while joined raises a gap at once; later ids count from scratch and the rejoin sends no stale since', async () => {
    const { h, got, gaps, s } = await streamed()
    await h.reply('phx_join', 'ok')
    h.receive(msg('50-0'))
    h.receive([null, null, 'room:1', 'stream_gap', { recovered: false }])
    h.receive(msg('7-0')) // Redis restarted without the stream: ids start again
    await h.tick()
    expect(gaps).toEqual([{ topic: 'room:1', since: '50-0', live: true }])
    expect(got).toEqual(['50-0', '7-0'])
    expect(s.lastId()).toBe('7-0')
    h.receive([null, null, 'room:1', 'stream_gap', { recovered: false }])
    await h.tick()
    expect(gaps).toEqual([
      { topic: 'room:1', since: '50-0', live: true },
      { topic: 'room:1', since: '7-0', live: true },
    ])
    h.socket().serverClose(1006)
    await h.tick(250)
    await h.open()
    expect(h.lastSent('phx_join')[4]).toEqual({ nick: 'ann' })
  })

  test('a first join without since never raises a gap', async () => {
    const { h, gaps } = await streamed()
    await h.reply('phx_join', 'ok', { recovered: false })
    expect(gaps).toEqual([])
  })
})
