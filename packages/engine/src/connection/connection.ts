import { decodeFrame, type Frame, type Message, WIRE } from '@wirestate/core/protocol'
import type { TerminateReason } from '../channel/channel-route.ts'
import type { Membership } from '../channel/membership.ts'
import { type Reply, replyError, replyOk } from '../channel/reply.ts'
import type { EngineContext } from '../engine-context.ts'
import { type OutboundFrame, replyFrame } from '../wire/outbound-frames.ts'
import { SharedFrame } from '../wire/shared-frame.ts'
import { newConnectionId } from './connection-id.ts'
import { type JoiningConnection, joinTopic } from './join-flow.ts'
import { TokenBucket } from './token-bucket.ts'
import type { Transport } from './transport.ts'

/**
 * Close codes the engine uses (others come from the transport: `ws` sends 1009 for a
 * frame over `maxFrameBytes`, 1007 for invalid UTF-8, 1002 for protocol errors).
 *
 * @example
 * ```ts
 * ws.close(CLOSE_CODES.badFrame)
 * ```
 */
export const CLOSE_CODES: {
  readonly goingAway: 1001
  readonly rateLimited: 1008
  readonly badFrame: 1011
} = { goingAway: 1001, rateLimited: 1008, badFrame: 1011 }

// The joins of a connection that holds none: one empty list for all of them.
const NO_JOINS: readonly never[] = Object.freeze([])

/**
 * One client socket: decodes its frames in order, answers heartbeats, routes joins,
 * leaves and pushes, enforces the per-connection limits, and sends frames unless
 * the client has stopped reading (then it is dropped). Its transport feeds it with
 * `receive` and `closed`; create it with `Engine.accept`.
 *
 * @example
 * ```ts
 * const connection = engine.accept(transport, user)
 * connection.receive('[null,"1","phoenix","heartbeat",{}]')
 * connection.closed() // the socket is gone
 * ```
 */
export class Connection<User = unknown> implements JoiningConnection<User> {
  readonly id: string = newConnectionId()
  readonly user: User
  #transport: Transport
  #ctx: EngineContext<User>
  // The joins held, at most one per topic. An array, scanned: a connection holds a
  // handful (at most `maxTopicsPerConnection`), and with one join it keeps 56 bytes
  // where a Map keeps ~180 (heap per idle connection, bench/fanout). Replaced, never
  // pushed to: a push grows its store by 16 slots or more.
  #joins: readonly Membership<User>[] = NO_JOINS
  #reserved = 0
  // One chain of frame handling per topic: a topic's frames are handled in order,
  // while a slow join or leave of one topic holds up no other (nor heartbeats). Only
  // while frames are in flight: an idle connection keeps no map.
  #chains: Map<string, Promise<void>> | null = null
  // Made by the first push (full, as it would be by then): most clients never push.
  #bucket: TokenBucket | null = null
  #strikes = 0
  #lastFrameAt = performance.now()
  #ended: Promise<void> | null = null
  #writable = true
  #gone = false
  // Made when first asked for (by a shutdown): most connections never need it.
  #socketClosed: { promise: Promise<void>; resolve: () => void } | null = null
  #onGone: ((connection: Connection<User>) => void) | undefined

  /** `onGone` is called once the transport says `closed()`. */
  constructor(
    transport: Transport,
    user: User,
    ctx: EngineContext<User>,
    onGone?: (connection: Connection<User>) => void,
  ) {
    this.#transport = transport
    this.user = user
    this.#ctx = ctx
    this.#onGone = onGone
    ctx.logger.info('connect', { conn: this.id, user: ctx.describeUser(user) })
  }

  /** From the transport: the socket is gone (closed by either side, or cut). */
  closed(): void {
    this.#writable = false
    this.#gone = true
    this.#socketClosed?.resolve()
    this.#onGone?.(this)
    void this.end('disconnect')
  }

  /** Resolves once the transport has said `closed()`. */
  get socketClosed(): Promise<void> {
    if (this.#gone) return Promise.resolve()
    if (!this.#socketClosed) {
      let resolve = () => {}
      const promise = new Promise<void>((done) => {
        resolve = done
      })
      this.#socketClosed = { promise, resolve }
    }
    return this.#socketClosed.promise
  }

  get open(): boolean {
    return this.#ended === null
  }

  /** The topics joined now. */
  get topics(): string[] {
    return this.#joins.map((member) => member.topic)
  }

  reserveJoin(limit: number): (() => void) | null {
    if (this.#joins.length + this.#reserved >= limit) return null
    this.#reserved++
    let held = true
    return () => {
      if (held) this.#reserved--
      held = false
    }
  }

  membership(topic: string): Membership<User> | undefined {
    return this.#joins.find((member) => member.topic === topic)
  }

  adopt(member: Membership<User>): void {
    this.#joins = this.#joins.filter((held) => held.topic !== member.topic).concat(member)
  }

  forget(member: Membership<User>): void {
    if (this.#joins.includes(member)) this.#joins = this.#joins.filter((held) => held !== member)
  }

  /**
   * Sends a frame (a `SharedFrame` when other connections get the same one), or drops
   * the client when too much is already waiting for it.
   */
  send(frame: OutboundFrame | SharedFrame): void {
    if (!this.#writable) return
    const transport = this.#transport
    if (transport.bufferedAmount > this.#ctx.limits.maxBufferedBytes) {
      this.#ctx.logger.warn('slow consumer dropped', { conn: this.id })
      this.#terminate()
      return
    }
    if (!(frame instanceof SharedFrame)) transport.send(frame)
    else if (transport.sendShared) transport.sendShared(frame)
    else transport.send(frame.frame)
  }

  /** Ends every join (untracking presence), then closes the socket; idempotent. */
  end(reason: TerminateReason, code?: number, why?: string): Promise<void> {
    if (this.#ended) return this.#ended
    this.#ended = Promise.all(this.#joins.map((member) => member.terminate(reason))).then(() => {
      this.#ctx.logger.info('disconnect', {
        conn: this.id,
        user: this.#ctx.describeUser(this.user),
      })
    })
    if (code !== undefined) this.#close(code, why)
    return this.#ended
  }

  /** Cuts the connection if the client has been silent for `idleTimeoutMs`. */
  checkIdle(now: number): void {
    if (now - this.#lastFrameAt <= this.#ctx.limits.idleTimeoutMs) return
    this.#ctx.logger.info('idle timeout', { conn: this.id })
    this.#terminate()
  }

  /**
   * Ends the connection for a shutdown: joins end, the client gets 1001, and a
   * client that does not finish the close handshake within `graceMs` is cut.
   */
  async shutdown(graceMs: number): Promise<void> {
    await this.end('shutdown', CLOSE_CODES.goingAway, 'server shutting down')
    const timer = setTimeout(() => this.#terminate(), graceMs)
    await this.socketClosed
    clearTimeout(timer)
  }

  /** From the transport: one frame the client sent, text or binary. */
  receive(frame: Frame): void {
    this.#lastFrameAt = performance.now()
    try {
      const decoded = decodeFrame(frame, 'client')
      if (!decoded.ok) {
        this.#reject(frame, decoded.reason)
        return
      }
      const message = decoded.message
      this.#ctx.observer.frameReceived?.(this.id, message)
      const allowed = !isPush(message) || this.#rateBucket.take()
      if (allowed) this.#strikes = 0
      else if (!this.#strike()) return
      // Answers go through the topic's chain too, so replies keep the order of the frames.
      this.#chain(message.topic, () =>
        allowed ? this.#dispatch(message) : this.#refuseOverRate(message),
      )
    } catch (error) {
      this.#ctx.logger.error('frame handling failed', { conn: this.id, error: String(error) })
    }
  }

  get #rateBucket(): TokenBucket {
    const { ratePerSecond, rateBurst } = this.#ctx.limits
    this.#bucket ??= new TokenBucket({ perSecond: ratePerSecond, burst: rateBurst })
    return this.#bucket
  }

  #reject(frame: Frame, reason: string): void {
    this.#ctx.logger.warn('undecodable frame; closing', { conn: this.id, reason })
    this.#ctx.observer.frameRejected?.(this.id, frame, reason)
    this.#close(CLOSE_CODES.badFrame)
  }

  #chain(topic: string, task: () => void | Promise<void>): void {
    this.#chains ??= new Map<string, Promise<void>>()
    const chains = this.#chains
    const tail = (chains.get(topic) ?? Promise.resolve()).then(task).catch((error) => {
      this.#ctx.logger.error('frame handling failed', { conn: this.id, error: String(error) })
    })
    chains.set(topic, tail)
    void tail.then(() => {
      if (chains.get(topic) !== tail) return
      chains.delete(topic)
      if (chains.size === 0 && this.#chains === chains) this.#chains = null
    })
  }

  #close(code: number, reason?: string): void {
    if (!this.#writable) return
    this.#writable = false
    this.#transport.close(code, reason)
  }

  #terminate(): void {
    this.#writable = false
    this.#transport.terminate()
  }

  // Over the rate: a frame is answered and dropped; a client that keeps going is
  // closed. Returns false once the connection is being closed.
  #strike(): boolean {
    if (++this.#strikes <= this.#ctx.limits.rateBurst) return true
    this.#ctx.logger.warn('rate limit exceeded; closing', { conn: this.id })
    void this.end('disconnect', CLOSE_CODES.rateLimited, 'rate limit exceeded')
    return false
  }

  #refuseOverRate(message: Message): void {
    if (message.ref !== null) this.#reply(message, replyError({ reason: 'rate limited' }))
  }

  async #dispatch(message: Message): Promise<void> {
    if (!this.open) return
    const { topic, event, joinRef, ref } = message
    if (topic === WIRE.heartbeatTopic && event === WIRE.heartbeat) {
      return this.send(replyFrame(null, ref, topic, replyOk()))
    }
    if (event === WIRE.join) return joinTopic(this, this.#ctx, message)
    const member = this.membership(topic)
    if (event === WIRE.leave && !member) return this.#reply(message, replyOk())
    if (!member) {
      return this.send(replyFrame(null, ref, topic, replyError({ reason: 'unmatched topic' })))
    }
    // A frame for an earlier join of this topic is stale: Phoenix ignores it.
    if (member.joinRef !== joinRef) return
    if (event === WIRE.leave) {
      this.forget(member)
      if (!member.requestLeave(ref)) void member.terminate('leave')
      return
    }
    if (!member.enqueue(message)) this.#reply(message, replyError({ reason: 'overloaded' }))
  }

  #reply(message: Message, reply: Reply): void {
    this.send(replyFrame(message.joinRef, message.ref, message.topic, reply))
  }
}

// Only pushes spend the rate budget: joins, leaves and heartbeats are the protocol's own
// traffic (a client that joins and then pushes 200 times must get 200 answers).
function isPush({ topic, event }: Message): boolean {
  if (topic === WIRE.heartbeatTopic && event === WIRE.heartbeat) return false
  return event !== WIRE.join && event !== WIRE.leave
}
