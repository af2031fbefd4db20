import { HISTORY, NEW_MSG } from '@wirestate/core/protocol'
import type { MockServer } from './mock-server.ts'

/**
 * Answers chat's `history` push (docs/protocol.md, "Chat") on every topic matching
 * `pattern`, from that topic's mock stream: the `new_msg` entries, oldest first, in one
 * page.
 *
 * @example
 * ```ts
 * serveChatHistory(mock, 'room:*')
 * mock.stream('room:1').append('new_msg', { body: 'earlier', user: 'bob' })
 * ```
 */
export function serveChatHistory(mock: MockServer, pattern: string): void {
  mock.onPush(pattern, HISTORY, (_payload, ctx) => ({
    ok: {
      messages: mock
        .stream(ctx.topic)
        .entries.filter((e) => e.event === NEW_MSG)
        .map((e) => ({ ...e.payload, id: e.id })),
      more: false,
    },
  }))
}

/**
 * What {@link serveChat} gives a test.
 *
 * @example
 * ```ts
 * const chat: ServedChat = serveChat(mock, 'room:1', 'ann')
 * ```
 */
export interface ServedChat {
  /** Someone else says something: stored in the topic's stream and broadcast; returns its id. */
  say(from: string, body: string): string
  /** Stores and confirms the sends held so far. */
  release(): void
  /** How many sends are held. */
  held(): number
}

/**
 * The chat protocol on the mock for one topic: `history` pages from the topic's stream,
 * and `new_msg` sends stored as `user`. Sends are held until `release()`, so a test can
 * see a message pending before it is confirmed.
 *
 * @example
 * ```ts
 * const chat = serveChat(mock, 'room:1', 'ann')
 * await user.type(input, 'hello{Enter}')  // shown pending
 * chat.release()                          // now confirmed, with its server id
 * ```
 */
export function serveChat(mock: MockServer, topic: string, user: string): ServedChat {
  const stream = mock.stream(topic)
  const held: Array<() => void> = []
  serveChatHistory(mock, topic)
  // Deferred, as a server handler would: the room's other events (typing, history) go
  // on while sends are held.
  mock.onPush<Record<string, unknown>>(topic, NEW_MSG, (payload, ctx) => {
    const reply = ctx.deferReply()
    held.push(() => reply.ok({ id: stream.append(NEW_MSG, { ...payload, user }) }))
  })
  return {
    say: (from, body) => stream.append(NEW_MSG, { body, user: from }),
    release: () => {
      for (const store of held.splice(0)) store()
    },
    held: () => held.length,
  }
}
