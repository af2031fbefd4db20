import { afterEach, describe, expect, test, vi } from 'vitest'
import type { Sent } from '../../test/harness.ts'
import {
  type FakeTab,
  heard,
  joins,
  leaves,
  sharedBrowser,
  twoTabsJoined,
} from '../../test/shared-harness.ts'
import { stream } from '../features/stream.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('one join for every tab', () => {
  test('three tabs join a topic: one socket, one join, each joined; messages reach all, replies their own tab', async () => {
    const b = sharedBrowser()
    const tabs = [b.open(), b.open(), b.open()]
    const rooms = tabs.map((t) => t.client.channel('room:1'))
    const got = tabs.map((t) => heard(t, 'room:1', 'new_msg'))
    const joined = rooms.map((room) => room.join())
    await b.accept()
    expect(b.fake.sockets).toHaveLength(1)
    expect(joins(b.sent())).toEqual([['1', '1', 'room:1', 'phx_join', {}]])
    await b.reply('phx_join', 'room:1', 'ok', { welcome: true })
    for (const answer of joined) await expect(answer).resolves.toEqual({ welcome: true })
    for (const room of rooms) expect(room.$state.value).toEqual({ status: 'joined' })

    await b.push('room:1', 'new_msg', { body: 'hi' })
    expect(got).toEqual([[{ body: 'hi' }], [{ body: 'hi' }], [{ body: 'hi' }]])

    // Two tabs push; the server answers in the other order; each gets its own reply.
    const second = rooms[1]?.push('new_msg', { body: 'from 2' })
    const third = rooms[2]?.push('new_msg', { body: 'from 3' })
    await b.tick()
    const [p2, p3] = b.sent().filter((f) => f[3] === 'new_msg') as [Sent, Sent]
    expect([p2[4], p3[4]]).toEqual([{ body: 'from 2' }, { body: 'from 3' }])
    b.socket().receive(JSON.stringify([p3[0], p3[1], 'room:1', 'phx_reply', reply({ id: 'b' })]))
    b.socket().receive(JSON.stringify([p2[0], p2[1], 'room:1', 'phx_reply', reply({ id: 'a' })]))
    await b.tick()
    await expect(second).resolves.toEqual({ id: 'a' })
    await expect(third).resolves.toEqual({ id: 'b' })
    // Each tab's inspect stream shows its push and its reply, with its own push id.
    const outcomes = (t: FakeTab) =>
      t.entries.flatMap((e) =>
        e.kind === 'event' && e.event.type === 'ReplyReceived'
          ? [[e.event.pushId, e.event.response]]
          : [],
      )
    expect(tabs.map(outcomes)).toEqual([[], [[1, { id: 'a' }]], [[1, { id: 'b' }]]])
  })

  test('a tab joining while others hold the topic: no join on the wire; the reply, the presence and the latest state at once', async () => {
    const b = sharedBrowser()
    const first = b.open()
    first.client.channel('user:7:notifications').join()
    await b.accept()
    await b.reply('phx_join', 'user:7:notifications', 'ok', { state: { read_through: null } })
    const topic = 'user:7:notifications'
    await b.push(topic, 'presence_state', { ann: { metas: [{ phx_ref: 'a1' }] } })
    await b.push(topic, 'presence_diff', {
      joins: { bob: { metas: [{ phx_ref: 'b1' }] } },
      leaves: {},
    })
    await b.push(topic, 'notifications_state', { read_through: '5-0' })

    const late = b.open()
    const presence = heard(late, topic, 'presence_state')
    const state = heard(late, topic, 'notifications_state')
    await expect(late.client.channel(topic).join()).resolves.toEqual({
      state: { read_through: null },
    })
    expect(joins(b.sent(), topic)).toHaveLength(1)
    expect(presence).toEqual([
      { ann: { metas: [{ phx_ref: 'a1' }] }, bob: { metas: [{ phx_ref: 'b1' }] } },
    ])
    expect(state).toEqual([{ read_through: '5-0' }])
  })

  test('the topic is left on the wire when the last tab leaves; a closed tab lets go after the leave delay', async () => {
    const b = sharedBrowser()
    const [a, c] = await twoTabsJoined(b)

    // A tab leaving while another holds the topic: done at once, nothing on the wire.
    await a.client.channel('room:1').leave()
    expect(a.client.channel('room:1').$state.value).toEqual({ status: 'closed' })
    expect(leaves(b.sent())).toEqual([])

    // The last holder closes: the hub waits out the leave delay (a reload would come back).
    c.close()
    await b.tick(998)
    expect(leaves(b.sent())).toEqual([])
    await b.tick(1)
    expect(leaves(b.sent())).toHaveLength(1)
  })

  test('a tab coming back within the leave delay keeps the join', async () => {
    const b = sharedBrowser()
    const a = b.open()
    a.client.channel('room:1').join()
    await b.accept()
    await b.reply('phx_join', 'room:1', 'ok')
    a.close()
    await b.tick(500)
    const again = b.open()
    await expect(again.client.channel('room:1').join()).resolves.toEqual({})
    await b.tick(2_000)
    expect(leaves(b.sent())).toEqual([])
    expect(joins(b.sent())).toHaveLength(1)
    expect(b.fake.sockets).toHaveLength(1)
    expect(b.socket().readyState).toBe(1)
  })
})

function reply(response: unknown) {
  return { status: 'ok', response }
}

describe('stream topics', () => {
  const id = (n: number) => `${n}-0`
  const send = async (b: ReturnType<typeof sharedBrowser>, from: number, to: number) => {
    for (let n = from; n <= to; n++) await b.push('room:1', 'new_msg', { id: id(n), n })
  }

  test('a tab joining later with a since gets what it missed from the hub; older than it holds, a gap', async () => {
    const b = sharedBrowser()
    const a = b.open()
    stream(a.client.channel('room:1'))
    a.client.channel('room:1').join()
    await b.accept()
    await b.reply('phx_join', 'room:1', 'ok')
    await send(b, 1, 5)

    const late = b.open()
    const room = late.client.channel('room:1')
    stream(room, { since: id(3) })
    const got = heard(late, 'room:1', 'new_msg')
    await room.join()
    expect(got).toEqual([
      { id: id(4), n: 4 },
      { id: id(5), n: 5 },
    ])
    await send(b, 6, 6)
    expect(got).toHaveLength(3)
    expect(joins(b.sent())).toHaveLength(1)

    // One asking from before the first message the hub holds is told it missed some.
    const older = b.open()
    const gaps: unknown[] = []
    stream(older.client.channel('room:1'), { since: '0-5' }).onGap((gap) => gaps.push(gap))
    await older.client.channel('room:1').join()
    expect(gaps).toEqual([{ topic: 'room:1', since: '0-5', live: false }])
  })

  test('after a hand-over the rejoin resumes from the oldest last id; each tab gets only what it lacks', async () => {
    const b = sharedBrowser()
    const [a, c] = [b.open(), b.open()]
    for (const t of [a, c]) stream(t.client.channel('room:1'))
    const gotA = heard(a, 'room:1', 'new_msg')
    const gotC = heard(c, 'room:1', 'new_msg')
    a.client.channel('room:1').join()
    await b.accept()
    await b.reply('phx_join', 'room:1', 'ok')
    await send(b, 1, 3) // only a holds the topic
    c.client.channel('room:1').join()
    await b.tick()
    await send(b, 4, 5)
    expect(gotA.map((m) => (m as { n: number }).n)).toEqual([1, 2, 3, 4, 5])
    expect(gotC.map((m) => (m as { n: number }).n)).toEqual([4, 5])

    // The leader tab goes: another hub takes over with a socket of its own.
    const old = b.socket()
    b.handOver([a, c])
    await b.accept()
    expect(b.socket()).not.toBe(old)
    const [rejoin] = joins(b.sent()) as [Sent]
    expect(rejoin[4]).toEqual({ since: id(5) })
    await b.reply('phx_join', 'room:1', 'ok', { recovered: true })
    await send(b, 5, 7) // the server replays 5 (a duplicate of what both have) on the race
    expect(gotA.map((m) => (m as { n: number }).n)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(gotC.map((m) => (m as { n: number }).n)).toEqual([4, 5, 6, 7])
  })
})
