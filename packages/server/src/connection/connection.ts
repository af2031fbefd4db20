import { randomUUID } from 'node:crypto'
import { type Message, WIRE } from '@wirestate/core/protocol'
import type { RawData, WebSocket } from 'ws'
import type { TerminateReason } from '../channel/channel-route.ts'
import type { Membership } from '../channel/membership.ts'
import { type Reply, replyError, replyOk } from '../channel/reply.ts'
import type { ServerContext } from '../server-context.ts'
import { decodeInbound } from '../wire/inbound-frame.ts'
import { type OutboundFrame, replyFrame } from '../wire/outbound-frames.ts'
import { type JoiningConnection, joinTopic } from './join-flow.ts'
import { TokenBucket } from './token-bucket.ts'

/**
 * Close codes the server uses (others come from `ws` itself: 1009 for a frame over
 * `maxFrameBytes`, 1007 for invalid UTF-8, 1002 for protocol errors).
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

/**
 * One client socket: decodes its frames in order, answers heartbeats, routes joins,
 * leaves and pushes, enforces the per-connection limits, and sends frames unless
 * the client has stopped reading (then it is dropped).
 *
 * @example
 * ```ts
 * wss.handleUpgrade(request, socket, head, (ws) => new Connection(ws, user, context))
 * ```
 */
export class Connection<User = unknown> implements JoiningConnection<User> {
  readonly id: string = randomUUID()
  readonly user: User
  #ws: WebSocket
  #ctx: ServerContext<User>
  #joins = new Map<string, Membership<User>>()
  #inbox: Promise<void> = Promise.resolve()
  #bucket: TokenBucket
  #strikes = 0
  #lastFrameAt = performance.now()
  #ended: Promise<void> | null = null
  #socketClosed: Promise<void>

  constructor(ws: WebSocket, user: User, ctx: ServerContext<User>) {
    this.#ws = ws
    this.user = user
    this.#ctx = ctx
    const { ratePerSecond, rateBurst } = ctx.limits
    this.#bucket = new TokenBucket({ perSecond: ratePerSecond, burst: rateBurst })
    ws.on('message', (data, isBinary) => this.#receive(data, isBinary))
    this.#socketClosed = new Promise((resolve) => ws.once('close', () => resolve()))
    ws.on('close', () => void this.end('disconnect'))
    ws.on('error', (error) =>
      ctx.logger.warn('socket error', { conn: this.id, error: error.message }),
    )
    ctx.logger.info('connect', { conn: this.id, user: ctx.describeUser(user) })
  }

  get open(): boolean {
    return this.#ended === null
  }

  get joinCount(): number {
    return this.#joins.size
  }

  membership(topic: string): Membership<User> | undefined {
    return this.#joins.get(topic)
  }

  adopt(member: Membership<User>): void {
    this.#joins.set(member.topic, member)
  }

  forget(member: Membership<User>): void {
    if (this.#joins.get(member.topic) === member) this.#joins.delete(member.topic)
  }

  /** Sends a frame, or drops the client when too much is already waiting for it. */
  send(frame: OutboundFrame): void {
    if (this.#ws.readyState !== this.#ws.OPEN) return
    if (this.#ws.bufferedAmount > this.#ctx.limits.maxBufferedBytes) {
      this.#ctx.logger.warn('slow consumer dropped', { conn: this.id })
      this.#ws.terminate()
      return
    }
    this.#ws.send(frame)
  }

  /** Ends every join (untracking presence), then closes the socket; idempotent. */
  end(reason: TerminateReason, code?: number, why?: string): Promise<void> {
    if (this.#ended) return this.#ended
    const joins = [...this.#joins.values()]
    this.#ended = Promise.all(joins.map((member) => member.terminate(reason))).then(() => {
      this.#ctx.logger.info('disconnect', {
        conn: this.id,
        user: this.#ctx.describeUser(this.user),
      })
    })
    if (code !== undefined) this.#ws.close(code, why)
    return this.#ended
  }

  /** Cuts the connection if the client has been silent for `idleTimeoutMs`. */
  checkIdle(now: number): void {
    if (now - this.#lastFrameAt <= this.#ctx.limits.idleTimeoutMs) return
    this.#ctx.logger.info('idle timeout', { conn: this.id })
    this.#ws.terminate()
  }

  /**
   * Ends the connection for a shutdown: joins end, the client gets 1001, and a
   * client that does not finish the close handshake within `graceMs` is cut.
   */
  async shutdown(graceMs: number): Promise<void> {
    await this.end('shutdown', CLOSE_CODES.goingAway, 'server shutting down')
    const timer = setTimeout(() => this.#ws.terminate(), graceMs)
    await this.#socketClosed
    clearTimeout(timer)
  }

  #receive(data: RawData, isBinary: boolean): void {
    this.#lastFrameAt = performance.now()
    try {
      const buffer = toBuffer(data)
      const decoded = decodeInbound(buffer, isBinary)
      if (!decoded.ok) {
        this.#ctx.logger.warn('undecodable frame; closing', {
          conn: this.id,
          reason: decoded.reason,
        })
        this.#ws.close(CLOSE_CODES.badFrame)
        return
      }
      const message = decoded.message
      const allowed = !isPush(message) || this.#bucket.take()
      if (allowed) this.#strikes = 0
      else if (!this.#strike()) return
      // Answers go through the inbox too, so replies keep the order of the frames.
      this.#inbox = this.#inbox
        .then(() => (allowed ? this.#dispatch(message) : this.#refuseOverRate(message)))
        .catch((error) => {
          this.#ctx.logger.error('frame handling failed', { conn: this.id, error: String(error) })
        })
    } catch (error) {
      this.#ctx.logger.error('frame handling failed', { conn: this.id, error: String(error) })
    }
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
    const member = this.#joins.get(topic)
    if (event === WIRE.leave && !member) return this.#reply(message, replyOk())
    if (!member) {
      return this.send(replyFrame(null, ref, topic, replyError({ reason: 'unmatched topic' })))
    }
    // A frame for an earlier join of this topic is stale: Phoenix ignores it.
    if (member.joinRef !== joinRef) return
    if (event === WIRE.leave) {
      this.#joins.delete(topic)
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

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)
}
