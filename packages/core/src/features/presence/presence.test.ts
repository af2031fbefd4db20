import { afterEach, describe, expect, test, vi } from 'vitest'
import { setup } from '../../../test/harness.ts'
import { loadTranscripts } from '../../../test/transcripts.ts'
import { type Member, presence } from './index.ts'

afterEach(() => {
  vi.useRealTimers()
})

const m = (ref: string, fields: Record<string, unknown> = {}) => ({ phx_ref: ref, ...fields })
const state = (entries: Record<string, unknown>, joinRef = '1') => [
  joinRef,
  null,
  'room:1',
  'presence_state',
  entries,
]
const diff = (joins: Record<string, unknown>, leaves: Record<string, unknown> = {}) => [
  null,
  null,
  'room:1',
  'presence_diff',
  { joins, leaves },
]
const ids = (members: ReadonlyMap<string, Member>) => [...members.keys()]
const refs = (members: ReadonlyMap<string, Member>, id: string) =>
  members.get(id)?.metas.map((x) => x.phx_ref)

async function joined(options?: Parameters<typeof presence>[1]) {
  const h = setup()
  const room = h.client.channel('room:1')
  const p = presence(room, options)
  const log: string[] = []
  p.onJoin((member) => log.push(`join ${member.id}`))
  p.onLeave((member) => log.push(`leave ${member.id}`))
  room.join()
  await h.open()
  await h.reply('phx_join', 'ok')
  return { h, room, p, log }
}

describe('presence', () => {
  test('diffs that come before the state wait for it (as a real Phoenix sends them)', async () => {
    const { h, p, log } = await joined()
    h.receive(diff({ ann: { metas: [m('a1')] } }))
    await h.tick()
    expect(p.$members.value?.size).toBe(0)
    h.receive(state({ ann: { metas: [m('a1')] }, bob: { metas: [m('b1')] } }))
    h.receive(diff({ cat: { metas: [m('c1')] } }, { bob: { metas: [m('b1')] } }))
    await h.tick(1_000)
    expect(ids(p.$members.value as ReadonlyMap<string, Member>)).toEqual(['ann', 'cat'])
    expect(refs(p.$members.value as ReadonlyMap<string, Member>, 'ann')).toEqual(['a1'])
    expect(p.$count.value).toBe(2)
    expect(log).toEqual(['join ann', 'join bob', 'join cat', 'leave bob'])
  })

  test("alice's frames of the Phoenix 1.7 transcript: own diff first, then the state, bob comes and goes", async () => {
    const h = setup()
    const room = h.client.channel('room:presence')
    const p = presence(room, { leaveDelayMs: 0 })
    const log: string[] = []
    p.onJoin((member) => log.push(`join ${member.id}`))
    p.onLeave((member) => log.push(`leave ${member.id}`))
    room.join()
    await h.open()
    await h.reply('phx_join', 'ok')
    const [joinRef] = h.lastSent('phx_join')
    const lines = loadTranscripts().get('02_presence_join_leave.jsonl') ?? []
    const frames = lines
      .filter((l) => l.client === 'alice' && l.dir === 'in')
      .map((l) => JSON.parse(l.frame as string) as unknown[])
      .filter((f) => String(f[3]).startsWith('presence_'))
    expect(frames.map((f) => f[3])).toEqual([
      'presence_diff',
      'presence_state',
      'presence_diff',
      'presence_diff',
    ])
    const counts: number[] = []
    for (const frame of frames) {
      // Our join has its own join_ref; the recorded one would be a stale join's.
      h.receive(frame[0] === null ? frame : [joinRef, ...frame.slice(1)])
      await h.tick()
      counts.push(p.$count.value as number)
    }
    expect(counts).toEqual([0, 1, 2, 1])
    expect(ids(p.$members.value as ReadonlyMap<string, Member>)).toEqual(['alice'])
    expect(log).toEqual(['join alice', 'join bob', 'leave bob'])
  })

  test('one user on two connections is one member with two metas; one leaving keeps the member', async () => {
    const { h, p, log } = await joined()
    h.receive(state({ ann: { metas: [m('a1'), m('a2')] } }))
    await h.tick()
    h.receive(diff({}, { ann: { metas: [m('a1')] } }))
    await h.tick(2_000)
    expect(refs(p.$members.value as ReadonlyMap<string, Member>, 'ann')).toEqual(['a2'])
    h.receive(diff({ ann: { metas: [m('a3')] } }))
    await h.tick()
    expect(refs(p.$members.value as ReadonlyMap<string, Member>, 'ann')).toEqual(['a2', 'a3'])
    expect(log).toEqual(['join ann'])
  })

  test('a diff that repeats a meta the state holds merges by phx_ref', async () => {
    const { h, p } = await joined()
    h.receive(diff({ ann: { metas: [m('a1', { v: 1 })] } }))
    h.receive(state({ ann: { metas: [m('a1', { v: 1 })] } }))
    await h.tick()
    expect(refs(p.$members.value as ReadonlyMap<string, Member>, 'ann')).toEqual(['a1'])
  })

  test('anti-flap: a leave and a rejoin within the window show no leave or join; a longer absence does', async () => {
    const { h, p, log } = await joined({ leaveDelayMs: 500 })
    h.receive(state({ ann: { metas: [m('a1')] } }))
    await h.tick()
    const seen: string[][] = []
    const off = p.$members.listen((members) => seen.push(ids(members)))
    h.receive(diff({}, { ann: { metas: [m('a1')] } }))
    await h.tick(300)
    expect(ids(p.$members.value as ReadonlyMap<string, Member>)).toEqual(['ann'])
    h.receive(diff({ ann: { metas: [m('a2')] } }))
    await h.tick(1_000)
    expect(refs(p.$members.value as ReadonlyMap<string, Member>, 'ann')).toEqual(['a2'])
    expect(log).toEqual(['join ann'])
    expect(seen.every((s) => s.includes('ann'))).toBe(true)

    h.receive(diff({}, { ann: { metas: [m('a2')] } }))
    await h.tick(498)
    expect(p.$count.value).toBe(1)
    await h.tick(2)
    expect(p.$count.value).toBe(0)
    expect(log).toEqual(['join ann', 'leave ann'])
    off()
  })

  test('with leaveDelayMs 0 a leave shows at once', async () => {
    const { h, p, log } = await joined({ leaveDelayMs: 0 })
    h.receive(state({ ann: { metas: [m('a1')] } }))
    h.receive(diff({}, { ann: { metas: [m('a1')] } }))
    await h.tick()
    expect(p.$count.value).toBe(0)
    expect(log).toEqual(['join ann', 'leave ann'])
  })

  test('own meta goes with every join; update() pushes presence_update and is kept for rejoins', async () => {
    const h = setup()
    const room = h.client.channel('room:1')
    const p = presence(room, { meta: { status: 'here' } })
    room.join()
    await h.open()
    expect(h.lastSent('phx_join')[4]).toEqual({ presence: { status: 'here' } })
    await h.reply('phx_join', 'ok')
    const updated = p.update({ status: 'away' })
    expect(h.lastSent('presence_update')[4]).toEqual({ status: 'away' })
    await h.reply('presence_update', 'ok', {})
    await expect(updated).resolves.toEqual({})
    // The server answers an update with one diff: the old meta leaves, the new one joins.
    h.receive(state({ me: { metas: [m('old', { status: 'here' })] } }))
    h.receive(
      diff(
        { me: { metas: [m('new', { status: 'away', phx_ref_prev: 'old' })] } },
        { me: { metas: [m('old', { status: 'here' })] } },
      ),
    )
    await h.tick()
    expect(p.$members.value?.get('me')?.metas).toEqual([
      { phx_ref: 'new', status: 'away', phx_ref_prev: 'old' },
    ])
    h.socket().serverClose(1006)
    await h.tick(250)
    await h.open()
    expect(h.lastSent('phx_join')[4]).toEqual({ presence: { status: 'away' } })
  })

  test('a rejoin syncs against the new state: only who really changed joins or leaves', async () => {
    const { h, p, log } = await joined({ leaveDelayMs: 0 })
    h.receive(state({ ann: { metas: [m('a1')] }, bob: { metas: [m('b1')] } }))
    await h.tick()
    const bob = p.$members.value?.get('bob')
    h.socket().serverClose(1006)
    await h.tick(250)
    await h.open()
    await h.reply('phx_join', 'ok')
    expect(p.$count.value).toBe(2)
    h.receive(diff({ me: { metas: [m('m1')] } }))
    const [joinRef] = h.lastSent('phx_join')
    h.receive(state({ bob: { metas: [m('b1')] }, me: { metas: [m('m1')] } }, joinRef as string))
    await h.tick()
    expect(ids(p.$members.value as ReadonlyMap<string, Member>)).toEqual(['bob', 'me'])
    expect(p.$members.value?.get('bob')).toBe(bob)
    expect(log).toEqual(['join ann', 'join bob', 'leave ann', 'join me'])
  })

  test('a later presence_state in the same join is the truth: who is missing leaves, who is new joins', async () => {
    // The server re-sends the state when its broker subscription came back and
    // diffs may have been lost meanwhile (bob left, cat came, ann changed meta).
    const { h, p, log } = await joined({ leaveDelayMs: 0 })
    h.receive(state({ ann: { metas: [m('a1')] }, bob: { metas: [m('b1')] } }))
    await h.tick()
    h.receive(state({ ann: { metas: [m('a2')] }, cat: { metas: [m('c1')] } }))
    await h.tick()
    const after = p.$members.value as ReadonlyMap<string, Member>
    expect(ids(after)).toEqual(['ann', 'cat'])
    expect(refs(after, 'ann')).toEqual(['a2'])
    expect(log).toEqual(['join ann', 'join bob', 'leave bob', 'join cat'])
    h.receive(diff({ dan: { metas: [m('d1')] } }, { cat: { metas: [m('c1')] } }))
    await h.tick()
    expect(ids(p.$members.value as ReadonlyMap<string, Member>)).toEqual(['ann', 'dan'])
    expect(h.sent().filter((f) => f[3] === 'phx_join')).toHaveLength(1) // no rejoin
  })

  test('join and leave callbacks unsubscribe; one that throws does not silence the others', async () => {
    const { h, p } = await joined({ leaveDelayMs: 0 })
    const got: string[] = []
    const off = p.onJoin((member) => got.push(member.id))
    p.onJoin(() => {
      throw new Error('boom')
    })
    p.onJoin((member) => got.push(`again ${member.id}`))
    h.receive(state({ ann: { metas: [m('a1')] } }))
    await h.tick()
    off()
    h.receive(diff({ bob: { metas: [m('b1')] } }))
    await h.tick()
    expect(got).toEqual(['ann', 'again ann', 'again bob'])
    expect(h.logger.error).toHaveBeenCalled()
  })

  test('leaving the channel empties the members and cancels pending leaves', async () => {
    const { h, room, p, log } = await joined({ leaveDelayMs: 500 })
    h.receive(state({ ann: { metas: [m('a1')] }, bob: { metas: [m('b1')] } }))
    h.receive(diff({}, { bob: { metas: [m('b1')] } }))
    await h.tick()
    room.leave()
    await h.reply('phx_leave', 'ok')
    expect(p.$count.value).toBe(0)
    expect(p.$members.value?.size).toBe(0)
    await h.tick(1_000)
    expect(log).toEqual(['join ann', 'join bob'])
  })

  test('subscribing to $members joins the channel', async () => {
    const h = setup()
    const room = h.client.channel('room:1')
    const off = presence(room).$members.subscribe(() => {})
    await h.open()
    expect(h.lastSent('phx_join')[2]).toBe('room:1')
    off()
  })

  test('back-pressure: a burst of 1,000 diffs notifies $members subscribers at most twice, and is reported', async () => {
    const { h, p } = await joined({ leaveDelayMs: 0 })
    h.receive(state({}))
    await h.tick()
    let calls = 0
    const off = p.$members.listen(() => calls++)
    for (let i = 0; i < 1_000; i++) h.receive(diff({ [`u${i}`]: { metas: [m(`r${i}`)] } }))
    await h.tick()
    expect(calls).toBeGreaterThanOrEqual(1)
    expect(calls).toBeLessThanOrEqual(2)
    expect(p.$count.value).toBe(1_000)
    expect(h.events('MessagesCoalesced')).toMatchObject([
      { topic: 'room:1', event: 'presence_diff', count: 1_000 },
    ])
    off()
  })
})
