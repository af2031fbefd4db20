import {
  type Channel,
  type ChannelRoute,
  type EventContext,
  isPlainObject,
  type PresenceOptions,
  type Reply,
  type RouteMatch,
  Router,
  type RouteTable,
  replyError,
} from '@wirestate/engine'
import type { JoinContext, JoinHandler, PushContext, PushHandler } from './handler-context.ts'
import type { MockSocket } from './mock-socket.ts'
import { type JoinResult, type PushResult, replyPayload } from './reply.ts'
import { Rules } from './rules.ts'

/**
 * What the mock's routes need from the mock around them.
 *
 * @example
 * ```ts
 * const kit: RouteKit = { isStream: (t) => streams.has(t), hasPresence: (t) => presences.has(t), declarePresence, failed }
 * ```
 */
export interface RouteKit {
  isStream(topic: string): boolean
  hasPresence(topic: string): boolean
  /** A join rule called `ctx.track`: the topic has presence from now on. */
  declarePresence(topic: string): void
  /** A broadcast from a rule failed: recorded as a handler error. */
  failed(socket: MockSocket, topic: string, event: string, error: unknown): void
}

/**
 * Options of {@link MockRoutes}.
 *
 * @example
 * ```ts
 * const options: MockRoutesOptions = { channels: { 'room:*': chatRoute() }, catchAll: false }
 * ```
 */
export interface MockRoutesOptions {
  channels?: Readonly<Record<string, ChannelRoute<MockSocket>>>
  catchAll?: boolean
}

// What a join rule's `ctx.track` leaves for the presence route.
interface Tracked {
  key: string
  /** Taken by the first `meta` call (the track); later calls are `presence_update`s. */
  meta: Record<string, unknown> | null
}

/**
 * The mock's route table, as the engine asks it at each join and broadcast. A topic is
 * routed when a rule (`onJoin`, `onPush`), a stream or a presence is about it, when one of
 * the `channels` routes matches it, or, with `catchAll`, always; any other topic gets
 * `unmatched topic`, as on `@wirestate/server`. Rules win over `channels`, and the rule
 * added last wins, looked up at each join and push.
 *
 * @example
 * ```ts
 * const routes = new MockRoutes({ catchAll: false }, kit)
 * routes.pushRules.add('room:*', 'ping', () => ({ ok: {} }))
 * routes.match('room:1') // a route; routes.match('lobby') // null
 * ```
 */
export class MockRoutes implements RouteTable<MockSocket> {
  // biome-ignore lint/suspicious/noExplicitAny: handlers narrow their own payload type
  readonly joinRules: Rules<JoinHandler<any>> = new Rules()
  // biome-ignore lint/suspicious/noExplicitAny: handlers narrow their own payload type
  readonly pushRules: Rules<PushHandler<any>> = new Rules()
  #channels: Router<MockSocket> | null
  #catchAll: boolean
  #kit: RouteKit
  #presence: PresenceOptions<MockSocket>
  #tracked = new WeakMap<Channel<MockSocket>, Tracked>()

  constructor(options: MockRoutesOptions, kit: RouteKit) {
    this.#channels = options.channels ? new Router(options.channels) : null
    this.#catchAll = options.catchAll ?? false
    this.#kit = kit
    this.#presence = {
      key: (channel) => this.#tracked.get(channel)?.key ?? null,
      meta: (channel, requested) => {
        const own = this.#tracked.get(channel)
        const meta = own?.meta ?? (isPlainObject(requested) ? { ...requested } : {})
        if (own) own.meta = null
        return meta
      },
    }
  }

  match(topic: string): RouteMatch<MockSocket> | null {
    const found = this.#channels?.match(topic) ?? null
    const kit = this.#kit
    const declared = kit.isStream(topic) || kit.hasPresence(topic)
    const ruled = this.joinRules.covers(topic) || this.pushRules.covers(topic)
    if (!found && !ruled && !declared && !this.#catchAll) return null
    const wildcards = found?.wildcards ?? this.joinRules.find(topic)?.wildcards ?? []
    return { route: this.#route(topic, found?.route), pattern: found?.pattern ?? topic, wildcards }
  }

  /** Forgets every rule (the `channels` stay). */
  clear(): void {
    this.joinRules.clear()
    this.pushRules.clear()
  }

  #route(topic: string, own: ChannelRoute<MockSocket> | undefined): ChannelRoute<MockSocket> {
    const kit = this.#kit
    const presence = this.#presence
    return {
      join: (_topic, payload, channel) =>
        this.joinRules.find(topic)
          ? this.#join(payload, channel)
          : own?.join?.(topic, payload, channel),
      handleIn: (event, payload, channel, context) =>
        this.pushRules.find(topic, event)
          ? this.#push(event, payload, channel, context)
          : ownHandler(own, event, payload, channel, context),
      // Read by the engine after the join: a join rule's `ctx.track` may have declared it.
      get presence() {
        return own?.presence ?? (kit.hasPresence(topic) ? presence : undefined)
      },
      get stream() {
        return own?.stream ?? (kit.isStream(topic) ? {} : undefined)
      },
      terminate: own?.terminate,
    }
  }

  async #join(payload: unknown, channel: Channel<MockSocket>): Promise<Reply | undefined> {
    const { topic } = channel
    const found = this.joinRules.find(topic)
    if (!found) return undefined
    const context: JoinContext = {
      topic,
      wildcards: found.wildcards,
      connection: channel.user.info,
      track: (key, meta) => {
        const requested = isPlainObject(payload) ? payload.presence : undefined
        const own = meta ?? (isPlainObject(requested) ? { ...requested } : {})
        this.#tracked.set(channel, { key, meta: own })
        this.#kit.declarePresence(topic)
      },
    }
    const result = (await found.handler(payload, context)) as JoinResult
    if (result === undefined) return undefined
    // The join is left unanswered, so the client's join times out.
    if ('noreply' in result && result.noreply === true) return new Promise(() => {})
    return replyPayload(result as Exclude<JoinResult, { noreply: true } | undefined>)
  }

  async #push(
    event: string,
    payload: unknown,
    channel: Channel<MockSocket>,
    { deferReply }: EventContext,
  ): Promise<Reply | undefined> {
    const { topic, user } = channel
    const found = this.pushRules.find(topic, event)
    if (!found) return replyError({ reason: 'unhandled event' })
    const failed = (error: unknown) => this.#kit.failed(user, topic, event, error)
    const context: PushContext = {
      topic,
      event,
      wildcards: found.wildcards,
      connection: user.info,
      push: (name, body) => channel.push(name, body),
      broadcast: (name, body) => void channel.broadcast(name, body).catch(failed),
      broadcastFrom: (name, body) => void channel.broadcastFrom(name, body).catch(failed),
      deferReply,
    }
    const result = (await found.handler(payload, context)) as PushResult
    return result === undefined ? undefined : replyPayload(result)
  }
}

function ownHandler(
  route: ChannelRoute<MockSocket> | undefined,
  event: string,
  payload: unknown,
  channel: Channel<MockSocket>,
  context: EventContext,
): Reply | undefined | Promise<Reply | undefined> {
  const events = route?.events
  if (events && Object.hasOwn(events, event)) return events[event]?.(payload, channel, context)
  if (route?.handleIn) return route.handleIn(event, payload, channel, context)
  return replyError({ reason: 'unhandled event' })
}
