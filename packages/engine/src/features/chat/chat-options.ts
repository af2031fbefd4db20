import type { StreamRetention } from '../../broker/broker.ts'
import type { Channel } from '../../channel/channel.ts'
import type { ChannelRoute, EventHandler, PresenceOptions } from '../../channel/channel-route.ts'
import { defaultUserId, type UserIdOf } from '../feature-user.ts'
import type { ChatMessage } from './chat-message.ts'

/**
 * Options of `chatRoute`. Everything has a default; see the table in the server
 * README ("Chat and notifications").
 *
 * @example
 * ```ts
 * const options: ChatRouteOptions<{ name: string }> = {
 *   join: (topic, _payload, channel) => (canRead(channel.user, topic) ? replyOk() : replyError({ reason: 'unauthorized' })),
 *   userId: (channel) => channel.user.name,
 *   retention: { maxLength: 1000, maxAgeMs: 7 * 86_400_000 },
 *   onMessage: (message) => console.log(message.user, message.body),
 * }
 * ```
 */
export interface ChatRouteOptions<User = unknown> {
  /** Authorizes a join, as `ChannelRoute.join`; default: everyone, reply `{}`. */
  join?: ChannelRoute<User>['join']
  /** Who the sender is (a message's `user`, the author check); default `defaultUserId`. */
  userId?: UserIdOf<User>
  /** How much history a room keeps. Default `{ maxLength: 1000, maxAgeMs: 7 days }`. */
  retention?: StreamRetention
  /** Messages per `history` page when the client asks for none. Default 50. */
  pageSize?: number
  /** The most a `history` page holds. Default 200 (at most 1000). */
  maxPageSize?: number
  /** Longest message body. Default 2000 characters. */
  maxBodyLength?: number
  /** How long a `client_id` is remembered, so a repeat is stored once. Default 24 h. */
  dedupWindowMs?: number
  /** How long a repeat waits for the first send of its `client_id` to be stored. Default 3 s. */
  dedupWaitMs?: number
  /** How long an edit or delete is remembered. Default `retention.maxAgeMs` + 1 day, else 30 days. */
  revisionTtlMs?: number
  /** Presence in the room; default keyed by the user id; `false` for none. */
  presence?: PresenceOptions<User> | false
  /**
   * Called once per stored message (not for a repeat), after its broadcast; a promise it
   * returns is awaited and its value ignored (so `app.broadcast(...)` can be returned as is).
   * Throwing crashes the join.
   */
  onMessage?(message: ChatMessage, channel: Channel<User>): unknown
  /** More event handlers for the room; the chat's own events cannot be replaced. */
  events?: Readonly<Record<string, EventHandler<User>>>
  /** Called once when a join ends, as `ChannelRoute.terminate`. */
  terminate?: ChannelRoute<User>['terminate']
}

/**
 * {@link ChatRouteOptions} with every default filled in.
 *
 * @example
 * ```ts
 * const settings = resolveChatOptions({ pageSize: 20 })
 * settings.maxPageSize // 200
 * ```
 */
export interface ChatSettings<User> extends ChatRouteOptions<User> {
  readonly userId: UserIdOf<User>
  readonly retention: StreamRetention
  readonly pageSize: number
  readonly maxPageSize: number
  readonly maxBodyLength: number
  readonly dedupWindowMs: number
  readonly dedupWaitMs: number
  readonly revisionTtlMs: number
}

const DAY_MS = 86_400_000

/**
 * Fills in the defaults and checks the numbers (misuse throws at once).
 *
 * @example
 * ```ts
 * resolveChatOptions({}).retention // { maxLength: 1000, maxAgeMs: 604800000 }
 * ```
 */
export function resolveChatOptions<User>(options: ChatRouteOptions<User>): ChatSettings<User> {
  const retention = options.retention ?? { maxLength: 1000, maxAgeMs: 7 * DAY_MS }
  const settings: ChatSettings<User> = {
    ...options,
    userId: options.userId ?? defaultUserId,
    retention,
    pageSize: options.pageSize ?? 50,
    maxPageSize: options.maxPageSize ?? 200,
    maxBodyLength: options.maxBodyLength ?? 2000,
    dedupWindowMs: options.dedupWindowMs ?? DAY_MS,
    dedupWaitMs: options.dedupWaitMs ?? 3000,
    revisionTtlMs:
      options.revisionTtlMs ??
      (retention.maxAgeMs === undefined ? 30 * DAY_MS : retention.maxAgeMs + DAY_MS),
  }
  for (const name of ['pageSize', 'maxBodyLength', 'dedupWindowMs', 'revisionTtlMs'] as const) {
    assertPositive(name, settings[name])
  }
  assertPositive('maxPageSize', settings.maxPageSize, 1000)
  if (!(settings.dedupWaitMs >= 0)) throw new TypeError('chatRoute: dedupWaitMs must be >= 0')
  return settings
}

function assertPositive(name: string, value: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value <= 0 || value > max) {
    throw new TypeError(`chatRoute: ${name} must be a whole number in 1..${max}, got ${value}`)
  }
}
