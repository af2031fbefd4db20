import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chatRoute, createServer, silentLogger, type WirestateServer } from '../src/index.ts'
import { FeatureSocket } from './features-socket.ts'

let server: WirestateServer<{ name: string }>
let sockets: FeatureSocket[] = []
const ROOM = 'room:features'

beforeEach(async () => {
  server = createServer<{ name: string }>({
    port: 0,
    logger: silentLogger,
    authenticate: (params) => (params.user ? { name: params.user } : null),
    // The default userId reads `name`; a small page size makes paging visible.
    channels: { 'room:*': chatRoute({ pageSize: 3 }) },
  })
  await server.start()
})
afterEach(async () => {
  for (const socket of sockets) socket.close()
  sockets = []
  await server.stop()
})

async function joined(user: string, payload: object = {}): Promise<FeatureSocket> {
  const socket = await FeatureSocket.connect(server.url, user)
  sockets.push(socket)
  expect((await socket.join(ROOM, payload)).status).toBe('ok')
  return socket
}

async function send(socket: FeatureSocket, body: string, extra: object = {}): Promise<string> {
  const reply = await socket.push(ROOM, 'new_msg', { body, ...extra })
  expect(reply.status).toBe('ok')
  return reply.response.id as string
}

// Broadcasts of one topic arrive in order, so once a later message has arrived,
// anything that was going to arrive before it has.
async function drained(socket: FeatureSocket, marker: string): Promise<void> {
  await socket.waitFor((f) => f.event === 'new_msg' && f.payload.body === marker, marker)
}

describe('chatRoute', () => {
  it('pages history back to the start, oldest first, with the route page size', async () => {
    const alice = await joined('alice')
    const ids: string[] = []
    for (let n = 1; n <= 7; n++) ids.push(await send(alice, `m${n}`))
    const bodies = (r: { response: Record<string, unknown> }) =>
      (r.response.messages as { body: string }[]).map((m) => m.body)

    const first = await alice.push(ROOM, 'history', {})
    expect(bodies(first)).toEqual(['m5', 'm6', 'm7'])
    expect(first.response.more).toBe(true)
    expect(first.response.messages).toEqual([
      { id: ids[4], body: 'm5', user: 'alice' },
      { id: ids[5], body: 'm6', user: 'alice' },
      { id: ids[6], body: 'm7', user: 'alice' },
    ])
    const second = await alice.push(ROOM, 'history', { before: ids[4] })
    expect([bodies(second), second.response.more]).toEqual([['m2', 'm3', 'm4'], true])
    const last = await alice.push(ROOM, 'history', { before: ids[1] })
    expect([bodies(last), last.response.more]).toEqual([['m1'], false])
    const wide = await alice.push(ROOM, 'history', { before: null, limit: 10 })
    expect([bodies(wide).length, wide.response.more]).toEqual([7, false])

    expect(await alice.push(ROOM, 'history', { before: 'yesterday' })).toEqual({
      status: 'error',
      response: { reason: 'invalid id' },
    })
  })

  it('relays typing to the others only, never stored nor replayed', async () => {
    const alice = await joined('alice')
    const first = await send(alice, 'before typing')
    const bob = await joined('bob')
    bob.send(ROOM, 'typing', { typing: true })
    bob.send(ROOM, 'typing', { typing: 'yes' })
    await send(bob, 'after typing')
    await drained(alice, 'after typing')
    await drained(bob, 'after typing')

    expect(alice.frames(ROOM, 'typing').map((f) => [f.joinRef, f.ref, f.payload])).toEqual([
      [null, null, { user: 'bob', typing: true }],
      [null, null, { user: 'bob', typing: false }],
    ])
    expect(bob.frames(ROOM, 'typing')).toEqual([])
    // No reply either: typing is fire and forget.
    expect(bob.all.filter((f) => f.event === 'phx_reply').map((f) => f.ref)).toEqual(['1', '4'])

    const page = await alice.push(ROOM, 'history', { limit: 10 })
    const bodies = (page.response.messages as { body: string }[]).map((m) => m.body)
    expect(bodies).toEqual(['before typing', 'after typing'])
    const carol = await joined('carol', { since: first })
    await carol.waitFor((f) => f.event === 'presence_state')
    expect(carol.frames(ROOM).map((f) => f.event)).toEqual([
      'new_msg',
      'presence_diff',
      'presence_state',
    ])
  })

  it('stores and broadcasts a re-sent client_id once, also after a reconnect', async () => {
    const alice = await joined('alice')
    const bob = await joined('bob')
    const [a, b] = await Promise.all([
      send(alice, 'once', { client_id: 'c-1' }),
      send(alice, 'once', { client_id: 'c-1' }),
    ])
    expect(b).toBe(a)
    alice.close()
    const again = await joined('alice')
    expect(await send(again, 'once', { client_id: 'c-1' })).toBe(a)
    // The same client id from another author is another message.
    const bobs = await send(bob, 'once', { client_id: 'c-1' })
    expect(bobs).not.toBe(a)
    await send(again, 'marker')
    await drained(bob, 'marker')

    expect(bob.frames(ROOM, 'new_msg').map((f) => f.payload)).toEqual([
      { body: 'once', client_id: 'c-1', user: 'alice', id: a },
      { body: 'once', client_id: 'c-1', user: 'bob', id: bobs },
      { body: 'marker', user: 'alice', id: expect.any(String) },
    ])
    const page = await bob.push(ROOM, 'history', { limit: 10 })
    expect((page.response.messages as { id: string }[]).map((m) => m.id)).toEqual([
      a,
      bobs,
      expect.any(String),
    ])
    for (const bad of [{ body: '' }, { body: 'x', client_id: '' }, { body: 'x'.repeat(2001) }]) {
      expect((await bob.push(ROOM, 'new_msg', bad)).response).toEqual({ reason: 'invalid message' })
    }
  })

  it('lets only the author edit and delete, and shows the changes in replay and history', async () => {
    const alice = await joined('alice')
    const bob = await joined('bob')
    const kept = await send(alice, 'first')
    const gone = await send(alice, 'second')
    const refused = (payload: object, event = 'edit_msg') => bob.push(ROOM, event, payload)
    expect((await refused({ id: kept, body: 'mine now' })).response).toEqual({
      reason: 'forbidden',
    })
    expect((await refused({ id: kept }, 'delete_msg')).response).toEqual({ reason: 'forbidden' })

    const edit1 = await alice.push(ROOM, 'edit_msg', { id: kept, body: 'first!' })
    const edit2 = await alice.push(ROOM, 'edit_msg', { id: kept, body: 'first!!' })
    const removal = await alice.push(ROOM, 'delete_msg', { id: gone })
    expect([edit1.response.rev, edit2.response.rev, removal.response.rev]).toEqual([1, 2, 1])
    const change = (id: string, body: string) => alice.push(ROOM, 'edit_msg', { id, body })
    expect((await change(gone, 'back')).response).toEqual({ reason: 'not found' })
    expect((await alice.push(ROOM, 'delete_msg', { id: gone })).response).toEqual({
      reason: 'not found',
    })
    expect((await change('1-0', 'none')).response).toEqual({ reason: 'not found' })
    expect((await change('nope', 'x')).response).toEqual({ reason: 'invalid id' })
    expect((await change(kept, '')).response).toEqual({ reason: 'invalid message' })

    const edited = await bob.waitFor((f) => f.event === 'msg_edited' && f.payload.rev === 2)
    expect(edited.payload).toEqual({
      message_id: kept,
      body: 'first!!',
      user: 'alice',
      rev: 2,
      edited_at: expect.any(Number),
      id: edit2.response.id,
    })
    const deleted = await bob.waitFor((f) => f.event === 'msg_deleted')
    expect(deleted.payload).toEqual({
      message_id: gone,
      user: 'alice',
      rev: 1,
      id: removal.response.id,
    })

    // History shows messages as they are now; a page of 1 skips the change entries.
    const page = await bob.push(ROOM, 'history', { limit: 1 })
    expect(page.response).toEqual({
      messages: [
        { id: kept, body: 'first!!', user: 'alice', rev: 2, edited_at: edited.payload.edited_at },
      ],
      more: false,
    })
    // A client resuming after `kept` gets every change in stored order.
    const carol = await joined('carol', { since: kept })
    await carol.waitFor((f) => f.event === 'presence_state')
    const replay = carol.frames(ROOM).filter((f) => f.event.includes('msg'))
    expect(
      replay.map((f) => [f.event, f.payload.message_id ?? f.payload.id, f.payload.rev]),
    ).toEqual([
      ['new_msg', gone, undefined],
      ['msg_edited', kept, 1],
      ['msg_edited', kept, 2],
      ['msg_deleted', gone, 1],
    ])
  })
})
