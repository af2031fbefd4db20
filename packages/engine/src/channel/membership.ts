import type { Message } from '@wirestate/core/protocol'
import { compareStreamIds, PRESENCE_STATE, PRESENCE_UPDATE } from '@wirestate/core/protocol'
import type { Broker, HistoryPage, PresenceState, StreamEntry } from '../broker/broker.ts'
import type { EngineContext } from '../engine-context.ts'
import type { FanoutMember } from '../fanout/topic-fanout.ts'
import { withStreamId } from '../stream/stream-payload.ts'
import {
  closeFrame,
  errorFrame,
  type OutboundFrame,
  pushFrame,
  replyFrame,
} from '../wire/outbound-frames.ts'
import type { SharedFrame } from '../wire/shared-frame.ts'
import type { Channel } from './channel.ts'
import type { ChannelRoute, EventHandler, TerminateReason } from './channel-route.ts'
import { eventContext } from './deferred-reply.ts'
import { MemberPresence } from './member-presence.ts'
import { isReply, type Reply, replyError, replyOk } from './reply.ts'
import type { RouteMatch } from './router.ts'
import { SerialQueue } from './serial-queue.ts'

/**
 * The connection side a membership needs.
 *
 * @example
 * ```ts
 * const connection: MemberConnection = { id: 'c1', user: null, send: (f) => ws.send(f), forget() {} }
 * ```
 */
export interface MemberConnection<User = unknown> {
  readonly id: string
  readonly user: User
  send(frame: OutboundFrame | SharedFrame): void
  /** Drops `member` from the connection's joins if it is still the current one. */
  forget(member: Membership<User>): void
}

/**
 * The event a member pushes to change its own presence meta (payload: the fields
 * it asks for; the route's `presence.meta` decides what is kept): `PRESENCE_UPDATE` of
 * `@wirestate/core/protocol`.
 *
 * @example
 * ```ts
 * channel.push(PRESENCE_UPDATE_EVENT, { status: 'away' })
 * ```
 */
export const PRESENCE_UPDATE_EVENT: typeof PRESENCE_UPDATE = PRESENCE_UPDATE
const MAX_HISTORY_PAGE = 1000

/**
 * One join of one topic by one connection: the {@link Channel} handlers see, and
 * the server's bookkeeping behind it. Until `open()`, frames for the member wait
 * (so the join reply and any replay go first); its pushes run one at a time.
 * Its own presence entry is a {@link MemberPresence}.
 *
 * @example
 * ```ts
 * const member = new Membership(connection, context, match, 'room:1', '1')
 * member.open([])
 * member.enqueue(message)
 * ```
 */
export class Membership<User = unknown> implements Channel<User>, FanoutMember {
  readonly topic: string
  readonly joinRef: string | null
  readonly wildcards: readonly string[]
  #conn: MemberConnection<User>
  #ctx: EngineContext<User>
  #route: ChannelRoute<User>
  #state: 'joining' | 'joined' | 'closed' = 'joining'
  // What is made only when first needed (a topic with thousands of idle members
  // holds thousands of these): waiting frames, the push queue, assigns.
  #waiting: { frame: OutboundFrame | SharedFrame; id: string | null }[] | null = null
  #queue: SerialQueue | null = null
  #assigns: Record<string, unknown> | null = null
  #replayedThrough: string | null = null
  #presence: MemberPresence<User> | null = null
  #stopRequested = false

  constructor(
    conn: MemberConnection<User>,
    ctx: EngineContext<User>,
    match: RouteMatch<User>,
    topic: string,
    joinRef: string | null,
  ) {
    this.#conn = conn
    this.#ctx = ctx
    this.#route = match.route
    this.topic = topic
    this.joinRef = joinRef
    this.wildcards = match.wildcards
  }

  get assigns(): Record<string, unknown> {
    this.#assigns ??= {}
    return this.#assigns
  }

  get user(): User {
    return this.#conn.user
  }

  get connectionId(): string {
    return this.#conn.id
  }

  get broker(): Broker {
    return this.#ctx.broker
  }

  get closed(): boolean {
    return this.#state === 'closed'
  }

  push(event: string, payload: unknown): void {
    this.#send(pushFrame(this.joinRef, this.topic, event, payload), null)
  }

  broadcast(event: string, payload: unknown): Promise<string | null> {
    return this.#ctx.broadcast(this.topic, event, payload, null)
  }

  broadcastFrom(event: string, payload: unknown): Promise<string | null> {
    return this.#ctx.broadcast(this.topic, event, payload, this.connectionId)
  }

  leave(): void {
    this.#stopRequested = true
  }

  async history(beforeId: string | null, limit: number): Promise<HistoryPage> {
    if (!this.#route.stream) return { entries: [], more: false }
    const bounded = Math.min(Math.max(1, Math.floor(limit) || 1), MAX_HISTORY_PAGE)
    return this.#ctx.broker.readBefore(this.topic, beforeId, bounded)
  }

  /** From the topic fan-out. Stream messages already replayed are dropped. */
  deliver(frame: SharedFrame, id: string | null): void {
    this.#send(frame, id)
  }

  /** Sends the replay (as pushes to this member), then what waited, then goes live. */
  open(replay: readonly StreamEntry[]): void {
    if (this.#state !== 'joining') return
    this.#state = 'joined'
    for (const entry of replay) this.push(entry.event, withStreamId(entry.payload, entry.id))
    this.#replayedThrough = replay.at(-1)?.id ?? null
    const waiting = this.#waiting ?? []
    this.#waiting = null
    for (const { frame, id } of waiting) this.#send(frame, id)
  }

  /** Queues a client push for its handler; `false` when too many are waiting. */
  enqueue(message: Message): boolean {
    return this.#tasks.push(() => this.#handle(message))
  }

  /** Queues the client's `phx_leave`: ok reply, `phx_close`, end. */
  requestLeave(ref: string | null): boolean {
    return this.#tasks.push(async () => {
      this.#conn.send(replyFrame(this.joinRef, ref, this.topic, replyOk()))
      this.#conn.send(closeFrame(this.joinRef, this.topic))
      await this.terminate('leave')
    })
  }

  /**
   * Tracks this member's presence (unless the route's key is `null`) and pushes
   * `presence_state` to it.
   */
  async trackPresence(requested: unknown): Promise<void> {
    // Read now, not at construction: a route may declare presence during the join.
    const options = this.#route.presence
    if (!options || this.closed) return
    const owner = { channel: this, closed: () => this.closed, show: this.showPresence.bind(this) }
    this.#presence = new MemberPresence(owner, this.#ctx, options)
    await this.#presence.track(requested)
  }

  /** From the topic fan-out: whether this member is shown presence (tracking started). */
  get showsPresence(): boolean {
    return this.#presence !== null
  }

  /** Pushes the topic's whole presence: after tracking, and again after a resync. */
  showPresence(state: PresenceState): void {
    this.push(PRESENCE_STATE, state)
  }

  /**
   * Ends the join from the server side: `phx_error` for a crash (the client rejoins),
   * `phx_close` for a stop (it stays closed).
   */
  async stop(reason: 'crash' | 'stop'): Promise<void> {
    if (this.closed) return
    const frame = reason === 'crash' ? errorFrame : closeFrame
    this.#conn.send(frame(this.joinRef, this.topic))
    await this.terminate(reason)
  }

  /** Ends the join, whatever the reason; idempotent. Sends nothing itself. */
  async terminate(reason: TerminateReason): Promise<void> {
    if (this.#state === 'closed') return
    this.#state = 'closed'
    this.#waiting = null
    this.#queue?.clear()
    this.#conn.forget(this)
    this.#ctx.fanout.remove(this.topic, this)
    this.#ctx.logger.info('leave', { conn: this.connectionId, topic: this.topic, reason })
    await Promise.all([this.#presence?.untrack(), this.#runTerminate(reason)])
  }

  get #tasks(): SerialQueue {
    const { maxQueuedEvents } = this.#ctx.limits
    this.#queue ??= new SerialQueue(
      maxQueuedEvents,
      (error) => this.#crash(error, null),
      this.#ctx.handlersHeld,
    )
    return this.#queue
  }

  async #handle(message: Message): Promise<void> {
    if (this.closed) return
    const { event, payload, ref } = message
    const handler = this.#handlerFor(event)
    const { context, deferred } = eventContext(event, (reply) => this.#answer(ref, reply))
    let result: Reply | undefined
    try {
      result = handler
        ? await handler(payload, this, context)
        : replyError({ reason: 'unhandled event' })
    } catch (error) {
      return this.#crash(error, event)
    }
    if (this.closed) return
    if (!deferred() && isReply(result)) this.#answer(ref, result)
    if (this.#stopRequested) await this.stop('stop')
  }

  // Replies, returned or deferred, are dropped once the join is over.
  #answer(ref: string | null, reply: Reply): void {
    if (ref !== null && !this.closed)
      this.#send(replyFrame(this.joinRef, ref, this.topic, reply), null)
  }

  #handlerFor(event: string): EventHandler<User> | null {
    if (event === PRESENCE_UPDATE_EVENT && this.#route.presence) {
      return (payload) => this.#presence?.update(payload) ?? replyError({ reason: 'not tracked' })
    }
    const { events, handleIn } = this.#route
    if (events && Object.hasOwn(events, event)) return events[event] ?? null
    if (handleIn) return (payload, channel, context) => handleIn(event, payload, channel, context)
    return null
  }

  #replayed(id: string | null): boolean {
    const through = this.#replayedThrough
    return id !== null && through !== null && compareStreamIds(id, through) <= 0
  }

  // Until the join is answered, frames wait behind its reply: fanned-out ones and the
  // ones this member causes itself. `id` is a stream message's, dropped if replayed.
  #send(frame: OutboundFrame | SharedFrame, id: string | null): void {
    if (this.#state === 'joining') {
      this.#waiting ??= []
      this.#waiting.push({ frame, id })
    } else if (this.#state === 'joined' && !this.#replayed(id)) this.#conn.send(frame)
  }

  async #crash(error: unknown, event: string | null): Promise<void> {
    if (this.closed) return
    this.#ctx.logger.error('handler crashed; join ended with phx_error', {
      conn: this.connectionId,
      topic: this.topic,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    })
    if (event !== null)
      this.#ctx.observer.handlerFailed?.(this.connectionId, this.topic, event, error)
    await this.stop('crash')
  }

  async #runTerminate(reason: TerminateReason): Promise<void> {
    try {
      await this.#route.terminate?.(this, reason)
    } catch (error) {
      this.#ctx.logger.error('terminate hook failed', { topic: this.topic, error: String(error) })
    }
  }
}
