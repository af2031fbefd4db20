import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { WebSocket as NodeWebSocket } from 'ws'
import {
  chatRoute,
  createServer,
  MemoryBroker,
  notificationsRoute,
  silentLogger,
  type WirestateServer,
} from '../../server/src/index.ts' // @wirestate/server once it is a devDependency of core
import { startFaultProxy } from '../../server/test/fault-proxy.ts'
import { type Client, createClient } from '../src/client.ts'
import { type Chat, chat } from '../src/features/chat/index.ts'
import { notifications, notificationsTopic } from '../src/features/notifications/index.ts'
import type { WebSocketConstructor } from '../src/options.ts'

type User = { name: string }
const ROOM = 'room:lobby'
const MENTION = /@(\w+)/g

let server: WirestateServer<User>
let clients: Client[]
/** Every socket a client opened, so a test can cut one as a network failure would. */
let sockets: Map<Client, NodeWebSocket[]>

beforeEach(async () => {
  server = createServer<User>({
    port: 0,
    broker: new MemoryBroker(),
    logger: silentLogger,
    authenticate: (params) => (params.user ? { name: params.user } : null),
    channels: {
      'room:*': chatRoute<User>({
        // As the demo server: an @mention becomes a notification for that user.
        onMessage: async (message) => {
          for (const [, name] of message.body.matchAll(MENTION)) {
            const note = { kind: 'mention', from: message.user, message_id: message.id }
            await server.broadcast(notificationsTopic(name as string), 'notification', note)
          }
        },
      }),
      'user:*:notifications': notificationsRoute<User>(),
    },
  })
  await server.start()
  clients = []
  sockets = new Map()
})

afterEach(async () => {
  for (const client of clients) client.disconnect()
  await server.stop()
})

function connect(user: string, url = server.url): Client {
  const opened: NodeWebSocket[] = []
  class Socket extends NodeWebSocket {
    constructor(url: string | URL) {
      super(url)
      opened.push(this)
    }
  }
  const client = createClient({
    url,
    params: { user },
    WebSocket: Socket as unknown as WebSocketConstructor,
    reconnect: { minDelayMs: 100, maxDelayMs: 200 },
  })
  clients.push(client)
  sockets.set(client, opened)
  return client
}

/** Cuts the client's socket without a close handshake (the client sees 1006). */
const cut = (client: Client) => sockets.get(client)?.at(-1)?.terminate()

async function joinedChat(
  user: string,
  url = server.url,
  pageSize?: number,
): Promise<{ client: Client; room: Chat }> {
  const client = connect(user, url)
  const channel = client.channel(ROOM)
  const room = chat(channel, { user, pageSize })
  room.$messages.subscribe(() => {})
  await vi.waitFor(() => {
    expect(channel.$state.value).toEqual({ status: 'joined' })
    expect(room.$loading.value).toBe(false)
  })
  return { client, room }
}

const bodies = (room: Chat) => (room.$messages.value ?? []).map((m) => `${m.user}: ${m.body}`)

describe('chat against @wirestate/server', () => {
  test('two clients chat: each sees every message once, in order, and its own ones confirmed', async () => {
    const alice = await joinedChat('alice')
    const bob = await joinedChat('bob')
    alice.room.send('hi bob')
    bob.room.send('hi alice')
    alice.room.send('how are you?')
    // Sends of two clients race on the server; both see the order it stored them in.
    await vi.waitFor(() => {
      expect(bodies(alice.room)).toHaveLength(3)
      expect(bodies(bob.room)).toEqual(bodies(alice.room))
      expect(alice.room.$messages.value?.every((m) => m.status === 'confirmed')).toBe(true)
      expect(bob.room.$messages.value?.every((m) => m.status === 'confirmed')).toBe(true)
    })
    const expected = bodies(alice.room)
    expect([...expected].sort()).toEqual(['alice: hi bob', 'alice: how are you?', 'bob: hi alice'])
    expect(expected.filter((b) => b.startsWith('alice'))).toEqual([
      'alice: hi bob',
      'alice: how are you?',
    ])
    expect(alice.room.$messages.value?.map((m) => m.id)).toEqual(
      bob.room.$messages.value?.map((m) => m.id),
    )

    // A late joiner gets the same from its first page.
    const carol = await joinedChat('carol')
    expect(bodies(carol.room)).toEqual(expected)
  })

  test('sends around a cut socket are delivered once after the reconnect', async () => {
    const alice = await joinedChat('alice')
    const bob = await joinedChat('bob')
    // One send races the cut (it may or may not reach the server), one is made while cut.
    alice.room.send('racing the cut')
    cut(alice.client)
    await vi.waitFor(() => expect(alice.client.$status.value?.status).toBe('reconnecting'))
    alice.room.send('made while cut')
    expect(alice.room.$messages.value?.at(-1)?.status).toBe('pending')
    const expected = ['alice: racing the cut', 'alice: made while cut']
    await vi.waitFor(() => {
      expect(bodies(bob.room)).toEqual(expected)
      expect(bodies(alice.room)).toEqual(expected)
      expect(alice.room.$messages.value?.map((m) => m.status)).toEqual(['confirmed', 'confirmed'])
    })
    // Nothing more comes: each was stored once.
    bob.room.send('marker')
    await vi.waitFor(() => expect(bodies(alice.room)).toHaveLength(3))
    const fresh = await joinedChat('dave')
    expect(bodies(fresh.room)).toEqual([...expected, 'bob: marker'])
  })

  test('120 sends while the link is down are all confirmed once it heals, each stored once', async () => {
    const proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port })
    try {
      const alice = await joinedChat('alice', proxy.url('ws', '/socket/websocket'))
      const bob = await joinedChat('bob')
      // The link goes down: the socket is cut and reconnects are refused until it heals.
      proxy.refuse(true)
      proxy.cut()
      await vi.waitFor(() => expect(alice.client.$status.value?.status).toBe('reconnecting'))
      const written = Array.from({ length: 120 }, (_, i) => `alice: offline ${i}`)
      for (const body of written) alice.room.send(body.slice('alice: '.length))
      expect(alice.room.$messages.value?.map((m) => m.status)).toEqual(written.map(() => 'pending'))
      proxy.refuse(false)
      // The default rate limit (50, then 50/s) paces them: about 1.5 s once rejoined.
      await vi.waitFor(
        () => {
          expect(alice.room.$messages.value?.filter((m) => m.status === 'confirmed')).toHaveLength(
            120,
          )
          expect(bodies(bob.room)).toEqual(written)
        },
        { timeout: 15_000, interval: 50 },
      )
      expect(bodies(alice.room)).toEqual(written)
      const ids = alice.room.$messages.value?.map((m) => m.id)
      expect(new Set(ids).size).toBe(120)
      expect(bob.room.$messages.value?.map((m) => m.id)).toEqual(ids)
      // What the server stored, read by a client that was not there: each message once.
      const fresh = await joinedChat('carol', server.url, 200)
      expect(bodies(fresh.room)).toEqual(written)
    } finally {
      await proxy.close()
    }
  }, 30_000)

  test('edit and delete reach the other client with the old and the new message', async () => {
    const alice = await joinedChat('alice')
    const bob = await joinedChat('bob')
    alice.room.send('tpyo')
    await vi.waitFor(() => expect(bodies(bob.room)).toEqual(['alice: tpyo']))
    const edits: string[] = []
    bob.room.on('edited', (next, prev) => edits.push(`${prev.body} -> ${next.body}`))
    const id = bob.room.$messages.value?.[0]?.id as string
    await alice.room.edit(id, 'typo')
    await vi.waitFor(() => expect(edits).toEqual(['tpyo -> typo']))
    await expect(bob.room.edit(id, 'mine now')).rejects.toMatchObject({
      response: { reason: 'forbidden' },
    })
    await alice.room.remove(id)
    await vi.waitFor(() => expect(bodies(bob.room)).toEqual([]))
  })
})

describe('notifications against @wirestate/server', () => {
  test('a mention and a server notification raise the unread count; markRead lowers it, for a fresh client too', async () => {
    const carol = connect('carol')
    const inbox = notifications(carol.channel(notificationsTopic('carol')))
    inbox.$unread.subscribe(() => {})
    await vi.waitFor(() => expect(inbox.$items.value).toEqual([]))
    const bob = await joinedChat('bob')

    bob.room.send('ping @carol')
    await vi.waitFor(() => expect(inbox.$unread.value).toBe(1))
    await server.broadcast(notificationsTopic('carol'), 'notification', {
      kind: 'system',
      body: 'welcome',
    })
    await vi.waitFor(() => {
      expect(inbox.$unread.value).toBe(2)
      expect(inbox.$items.value?.map((n) => n.kind)).toEqual(['system', 'mention'])
    })
    const mention = inbox.$items.value?.[1]
    expect(mention).toMatchObject({ from: 'bob', read: false })

    await inbox.markRead(mention?.id as string)
    expect(inbox.$unread.value).toBe(1)

    // Another tab (a fresh client) gets the read state from the server.
    const tab = connect('carol')
    const other = notifications(tab.channel(notificationsTopic('carol')))
    other.$unread.subscribe(() => {})
    await vi.waitFor(() => {
      expect(other.$unread.value).toBe(1)
      expect(other.$items.value?.map((n) => [n.kind, n.read])).toEqual([
        ['system', false],
        ['mention', true],
      ])
    })
    await other.markAllRead()
    await vi.waitFor(() => expect(inbox.$unread.value).toBe(0))
    expect(inbox.$items.value?.every((n) => n.read)).toBe(true)
  })
})
