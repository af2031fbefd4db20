import type { StreamRetention } from '../broker/broker.ts'
import type { Channel } from './channel.ts'
import type { EventContext } from './deferred-reply.ts'
import type { Reply } from './reply.ts'

/**
 * Handles one event a member pushes. Return a {@link Reply} to answer the push, or
 * nothing for no reply. Throwing crashes the join: the client gets `phx_error`.
 *
 * A join's handlers run one at a time, in the order the pushes came, so a handler
 * that awaits holds up the join's next events. To answer later without doing so,
 * take `context.deferReply()` and return (Phoenix's `{:noreply, socket}` then
 * `reply/2`): the next event runs at once and the reply goes out when answered.
 *
 * @example
 * ```ts
 * const ping: EventHandler = () => replyOk({ pong: true })
 * const slow: EventHandler = (payload, channel, { deferReply }) => {
 *   const reply = deferReply()
 *   setTimeout(() => reply.ok({ done: true }), 500) // a ping meanwhile is answered at once
 * }
 * ```
 */
export type EventHandler<User = unknown> = (
  payload: unknown,
  channel: Channel<User>,
  context: EventContext,
) => Reply | undefined | Promise<Reply | undefined>

/**
 * Presence for a route: who a member is present as, and with which meta. Each
 * connection adds one meta under its key. The client may ask for meta fields in
 * the join payload's `presence` field and later with a `presence_update` push;
 * `meta` decides what is kept (by default: a JSON object of at most 1 KiB, plus
 * `online_at`).
 *
 * @example
 * ```ts
 * const presence: PresenceOptions<{ name: string }> = {
 *   key: (channel) => channel.user.name,
 *   meta: (channel, requested) => ({ status: requested === 'away' ? 'away' : 'here' }),
 * }
 * ```
 */
export interface PresenceOptions<User = unknown> {
  /**
   * The key the member is present as; `null` tracks nothing for this member (it
   * still gets `presence_state`).
   */
  key(channel: Channel<User>): string | null
  meta?(channel: Channel<User>, requested: unknown): Record<string, unknown>
}

/**
 * What the server does with topics matching one pattern.
 *
 * @example
 * ```ts
 * const rooms: ChannelRoute<{ name: string }> = {
 *   join: (topic) => replyOk({ joined: topic }),
 *   events: { ping: () => replyOk({ pong: true }) },
 *   presence: { key: (channel) => channel.user.name },
 *   stream: { maxLength: 500 },
 * }
 * ```
 */
export interface ChannelRoute<User = unknown> {
  /**
   * Authorizes a join and picks its reply: an ok reply (its response goes to the
   * client), an error reply (refused), or nothing (ok, `{}`). Throwing refuses with
   * `{"reason":"join crashed"}`.
   */
  join?(
    topic: string,
    payload: unknown,
    channel: Channel<User>,
  ): Reply | undefined | Promise<Reply | undefined>
  /** Handlers by event name. */
  events?: Readonly<Record<string, EventHandler<User>>>
  /** Events without a handler in `events`; without it they get `{"reason":"unhandled event"}`. */
  handleIn?(
    event: string,
    payload: unknown,
    channel: Channel<User>,
    context: EventContext,
  ): Reply | undefined | Promise<Reply | undefined>
  /** Called once when a join ends, whatever the reason; errors are logged. */
  terminate?(channel: Channel<User>, reason: TerminateReason): void | Promise<void>
  presence?: PresenceOptions<User>
  /** Makes the topics durable streams with this history; see docs/protocol.md. */
  stream?: StreamOptions
}

/**
 * A stream route's history bounds, and the events that stay ephemeral on it: those
 * are relayed live only, with no id and no history (typing indicators, cursors).
 *
 * @example
 * ```ts
 * const stream: StreamOptions = { maxLength: 500, maxAgeMs: 86_400_000, ephemeral: ['typing'] }
 * ```
 */
export interface StreamOptions extends StreamRetention {
  readonly ephemeral?: readonly string[]
}

/**
 * Why a join ended.
 *
 * @example
 * ```ts
 * terminate: (channel, reason: TerminateReason) => log(reason)
 * ```
 */
export type TerminateReason = 'leave' | 'stop' | 'crash' | 'duplicate' | 'disconnect' | 'shutdown'
