import type { Channel } from '../src/channel.ts'
import { type Chat, type ChatOptions, chat } from '../src/features/chat/index.ts'
import { type Harness, setup } from './harness.ts'

/** The topic every chat test uses. */
export const TOPIC = 'room:1'

/** A stored message as the server broadcasts it (`new_msg`, no join_ref). */
export const msg = (id: string, fields: Record<string, unknown> = {}): unknown[] => [
  null,
  null,
  TOPIC,
  'new_msg',
  { id, body: `body ${id}`, user: 'bob', ...fields },
]

/** A stored message as a history page holds it. */
export const stored = (
  id: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> => ({
  id,
  body: `body ${id}`,
  user: 'bob',
  ...fields,
})

export interface ChatRoom {
  h: Harness
  room: Channel
  c: Chat
  /** What `$messages` holds: `id` (or `pending:<body>` / `failed:<body>`) per message. */
  ids(): string[]
}

/**
 * A joined chat on the fake socket: subscribed to `$messages`, first page answered with
 * `page` (empty by default).
 */
export async function chatRoom(
  options: ChatOptions = {},
  page: { messages: unknown[]; more: boolean } = { messages: [], more: false },
): Promise<ChatRoom> {
  const h = setup()
  const room = h.client.channel(TOPIC)
  const c = chat(room, options)
  c.$messages.subscribe(() => {})
  await h.open()
  await h.reply('phx_join', 'ok', { joined: TOPIC })
  await h.reply('history', 'ok', page)
  const ids = () =>
    (c.$messages.value ?? []).map((m) =>
      m.status === 'confirmed' ? (m.id as string) : `${m.status}:${m.body}`,
    )
  return { h, room, c, ids }
}

/** Drops the socket and brings it back: the channel rejoins (the join is left unanswered). */
export async function reconnect(h: Harness): Promise<void> {
  const before = h.fake.sockets.length
  h.socket().serverClose(1006)
  // The backoff grows with every reconnect that had no heartbeat round trip in between.
  while (h.fake.sockets.length === before) await h.tick(250)
  await h.open()
}
