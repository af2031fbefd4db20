import { NOTIFICATION_EVENTS, parseStreamId } from '@wirestate/core/protocol'
import type { StreamRetention } from '../../broker/broker.ts'
import type { Channel } from '../../channel/channel.ts'
import type { ChannelRoute } from '../../channel/channel-route.ts'
import { type Reply, replyError, replyOk } from '../../channel/reply.ts'
import { isPlainObject } from '../../stream/stream-payload.ts'
import { defaultUserId, type UserIdOf } from '../feature-user.ts'
import { readHistoryRequest } from '../history-request.ts'
import { SharedRecords } from '../shared-records.ts'
import { ReadState } from './read-state.ts'

/**
 * Options of `notificationsRoute`.
 *
 * @example
 * ```ts
 * const options: NotificationsRouteOptions<{ id: string }> = {
 *   userId: (channel) => channel.user.id,
 *   retention: { maxLength: 500, maxAgeMs: 14 * 86_400_000 },
 * }
 * ```
 */
export interface NotificationsRouteOptions<User = unknown> {
  /**
   * Authorizes a join, as `ChannelRoute.join`. Default: only the user whose id is
   * the topic's first `*` (`user:<id>:notifications`), else `unauthorized`.
   */
  join?: ChannelRoute<User>['join']
  /** Who the user is; default `defaultUserId`. */
  userId?: UserIdOf<User>
  /** How many notifications are kept. Default `{ maxLength: 200, maxAgeMs: 30 days }`. */
  retention?: StreamRetention
  /** Notifications per `history` page when the client asks for none. Default 50. */
  pageSize?: number
  /** The most a `history` page holds. Default 200. */
  maxPageSize?: number
}

const DAY_MS = 86_400_000

/**
 * A per-user notifications route to mount on `user:*:notifications`: a stream of
 * `notification` events the application broadcasts, with read state kept in the
 * broker (`mark_read`, `mark_all_read`, the state in the join reply on request and
 * in `notifications_state` to every tab) and `history` pages with read flags. The
 * wire protocol is in docs/protocol.md ("Notifications").
 *
 * @example
 * ```ts
 * const server = createServer({ channels: { 'user:*:notifications': notificationsRoute() } })
 * await server.broadcast('user:bob:notifications', 'notification', { kind: 'mention', from: 'alice' })
 * ```
 */
export function notificationsRoute<User = unknown>(
  options: NotificationsRouteOptions<User> = {},
): ChannelRoute<User> {
  const settings = settingsOf(options)
  return {
    join: (topic, payload, channel) => join(settings, topic, payload, channel),
    events: {
      [NOTIFICATION_EVENTS.markRead]: (payload, channel) => markRead(settings, payload, channel),
      [NOTIFICATION_EVENTS.markAllRead]: (payload, channel) =>
        markAllRead(settings, payload, channel),
      [NOTIFICATION_EVENTS.history]: (payload, channel) => history(settings, payload, channel),
    },
    stream: { ...settings.retention, ephemeral: [NOTIFICATION_EVENTS.state] },
  }
}

interface Settings<User> {
  readonly userId: UserIdOf<User>
  readonly retention: StreamRetention
  /** How long read marks live; older notifications count as read. */
  readonly ttlMs: number
  readonly pageSize: number
  readonly maxPageSize: number
  readonly authorize: NonNullable<ChannelRoute<User>['join']>
}

function settingsOf<User>(options: NotificationsRouteOptions<User>): Settings<User> {
  const userId = options.userId ?? defaultUserId
  const retention = options.retention ?? { maxLength: 200, maxAgeMs: 30 * DAY_MS }
  return {
    userId,
    retention,
    ttlMs: retention.maxAgeMs ?? 30 * DAY_MS,
    pageSize: options.pageSize ?? 50,
    maxPageSize: options.maxPageSize ?? 200,
    authorize:
      options.join ??
      ((_topic, _payload, channel) =>
        channel.wildcards[0] === userId(channel)
          ? replyOk()
          : replyError({ reason: 'unauthorized' })),
  }
}

function readsOf<User>(settings: Settings<User>, channel: Channel<User>): ReadState {
  const records = SharedRecords.of(channel.broker, 'notifications')
  return new ReadState(records, channel.broker, settings.ttlMs)
}

async function join<User>(
  settings: Settings<User>,
  topic: string,
  payload: unknown,
  channel: Channel<User>,
): Promise<Reply | undefined> {
  const reads = readsOf(settings, channel) // fails early on a broker without records
  const decision = await settings.authorize(topic, payload, channel)
  return withState(decision, payload, () => reads.state(topic))
}

async function markRead<User>(
  settings: Settings<User>,
  payload: unknown,
  channel: Channel<User>,
): Promise<Reply> {
  const id = isPlainObject(payload) ? payload.id : undefined
  if (typeof id !== 'string' || !parseStreamId(id)) return replyError({ reason: 'invalid id' })
  return announce(channel, await readsOf(settings, channel).markRead(channel.topic, id))
}

async function markAllRead<User>(
  settings: Settings<User>,
  payload: unknown,
  channel: Channel<User>,
): Promise<Reply> {
  const through = isPlainObject(payload) ? (payload.through ?? null) : null
  if (through !== null && (typeof through !== 'string' || !parseStreamId(through))) {
    return replyError({ reason: 'invalid id' })
  }
  return announce(channel, await readsOf(settings, channel).markAllRead(channel.topic, through))
}

async function history<User>(
  settings: Settings<User>,
  payload: unknown,
  channel: Channel<User>,
): Promise<Reply> {
  const request = readHistoryRequest(payload, settings.pageSize, settings.maxPageSize)
  if (!request) return replyError({ reason: 'invalid id' })
  const page = await channel.history(request.before, request.limit)
  const entries = page.entries.filter((e) => e.event === NOTIFICATION_EVENTS.notification)
  const flags = await readsOf(settings, channel).readFlags(channel.topic, entries)
  const notifications = entries.map((e, i) => ({
    ...(e.payload as object),
    id: e.id,
    read: flags[i],
  }))
  return replyOk({ notifications, more: page.more })
}

// The state joins the route's own response when the join payload asks for it.
async function withState(
  decision: Reply | undefined,
  payload: unknown,
  state: () => Promise<object>,
): Promise<Reply | undefined> {
  if (!isPlainObject(payload) || payload.state !== true || decision?.status === 'error') {
    return decision
  }
  const response = decision?.response ?? {}
  return isPlainObject(response) ? replyOk({ ...response, ...(await state()) }) : decision
}

// Every tab of the user learns the new state; the one that asked also gets it as its reply.
async function announce<User>(channel: Channel<User>, state: object): Promise<Reply> {
  await channel.broadcast(NOTIFICATION_EVENTS.state, state)
  return replyOk(state)
}
