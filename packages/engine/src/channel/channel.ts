import type { Broker, HistoryPage } from '../broker/broker.ts'

/**
 * One client's membership of one topic, as route handlers see it: who the user
 * is, per-join state, and the ways to talk back.
 *
 * @example
 * ```ts
 * const events = {
 *   new_msg: async (payload: { body: string }, channel: Channel<{ name: string }>) => {
 *     const id = await channel.broadcast('new_msg', { body: payload.body, user: channel.user.name })
 *     return replyOk({ id })
 *   },
 * }
 * ```
 */
export interface Channel<User = unknown> {
  readonly topic: string
  /** The values the route pattern's `*` matched, e.g. `['7']` for `user:*:notifications`. */
  readonly wildcards: readonly string[]
  /** What `authenticate` returned for this connection. */
  readonly user: User
  /** Unique across nodes; the tag `broadcastFrom` skips. */
  readonly connectionId: string
  /** Free per-join state, like Phoenix's `socket.assigns`. */
  readonly assigns: Record<string, unknown>
  /** Sends an event to this member only (with its join_ref). */
  push(event: string, payload: unknown): void
  /**
   * Sends an event to every member of the topic on every node, this one included.
   * On a stream topic it is stored first and resolves to its id; else to `null`.
   */
  broadcast(event: string, payload: unknown): Promise<string | null>
  /** Like `broadcast`, but skips this member. */
  broadcastFrom(event: string, payload: unknown): Promise<string | null>
  /** Ends this join once the current handler's reply is sent (the client gets `phx_close`). */
  leave(): void
  /**
   * This node's broker, for features that keep shared state beside the stream
   * (records, replay reads); see `chatRoute` and `notificationsRoute`.
   */
  readonly broker: Broker
  /** Older stream history, for chat paging; empty on a topic that is not a stream. */
  history(beforeId: string | null, limit: number): Promise<HistoryPage>
}
