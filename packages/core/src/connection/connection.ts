import type { Command, CommandInit } from '../commands.ts'
import type { ConnectionEvent, ConnectionStatus, EventInit } from '../events.ts'
import { frameSize, type InspectEntry, type InspectListener } from '../inspector.ts'
import { createListeners } from '../listeners.ts'
import type { ResolvedOptions } from '../options.ts'
import type { Inbound, Outbound } from '../protocol/adapter.ts'
import type { Frame } from '../protocol/message.ts'
import { findIllFormed } from '../well-formed.ts'
import { createHeartbeat } from './heartbeat.ts'
import { Joins } from './joins.ts'
import { SocketMachine } from './machine.ts'
import { OutboundQueue } from './outbound.ts'
import { Push, type PushInit, type PushOutcome } from './push.ts'
import { createRateLimiter, type RateLimiter } from './rate-limiter.ts'
import { Replies } from './replies.ts'
import { createSocket, type Socket } from './socket.ts'

/**
 * Gets every event of the connection, in order. `deliver`, when given, settles a push's
 * promise: the client runs it in its flush, after the events before it. Events reach it
 * without `time`: only the inspect stream is stamped (see `#emit`).
 *
 * @example
 * ```ts
 * const listener: ConnectionListener = (event, deliver) => { queue.push(event); if (deliver) queue.push(deliver) }
 * ```
 */
export type ConnectionListener = (event: EventInit, deliver?: () => void) => void

/**
 * The connection half: it owns the socket, the protocol adapter, heartbeats, refs, pending
 * replies, the outbound buffer and the rate limiter, and knows nothing about stores.
 * Commands go in (`send`, and `push`, which also returns the push's promise); events come
 * out to the listener, all plain data.
 *
 * The parts, one file each: the socket's state machine (`machine.ts`), the requests waiting
 * for replies (`replies.ts`), the joins on the wire (`joins.ts`), and a push
 * (`push.ts`). This class routes between them.
 *
 * @example
 * ```ts
 * const connection = new Connection(resolveOptions({ url }), (event) => console.log(event.type))
 * connection.send({ type: 'OpenSocket' })
 * ```
 */
export class Connection {
  #o: ResolvedOptions
  #listener: ConnectionListener
  #inspector
  #socket: Socket
  #machine: SocketMachine
  #replies: Replies
  #joins: Joins
  #outbound: OutboundQueue
  #limiter: RateLimiter
  #heartbeat
  #refs = 0
  #pushes = 0
  /** Rate-limit tokens a push spends. */
  #pushCost: number
  #context = { attempt: 0, reauthenticate: false }
  /** Whether the current socket opened (a close says so). */
  #opened = false
  #ready = (push: Push) => this.#joins.joinedRef(push.topic) !== undefined
  #writePush = (push: Push) => this.#sendPush(push)

  constructor(o: ResolvedOptions, listener: ConnectionListener) {
    this.#o = o
    this.#listener = listener
    this.#inspector = createListeners<InspectEntry>(o.logger)
    this.#replies = new Replies(o.timers)
    this.#limiter = createRateLimiter(o.rateLimit, o.timers.now)
    this.#pushCost = o.rateLimit.costs.PushMessage ?? 0
    this.#outbound = new OutboundQueue(o.bufferSize, this.#limiter, o.timers, this.#pushCost)
    this.#socket = createSocket(o, () => this.#context, {
      opened: () => {
        this.#opened = true
        this.#emitAndDispatch({ type: 'SocketOpened' })
      },
      received: (frame) => this.#receive(frame),
      closed: (code, reason) => this.#closed(code, reason),
    })
    this.#heartbeat = createHeartbeat(
      o,
      () => this.#write({ type: 'heartbeat', ref: this.#nextRef() }),
      () => this.#emitAndDispatch({ type: 'HeartbeatMissed' }),
      (latencyMs) => {
        // A heartbeat round trip proves the connection works end to end; only then does
        // the backoff start over, so a server that accepts and drops at once is backed off.
        this.#machine.proven()
        this.#emit({ type: 'HeartbeatReplied', latencyMs })
      },
    )
    this.#machine = new SocketMachine(o, {
      open: (context) => {
        this.#context = context
        this.#socket.open()
      },
      close: () => this.#socket.close(),
      startHeartbeat: () => {
        this.#heartbeat.start()
        return this.#heartbeat.stop
      },
      beat: () => this.#heartbeat.beat(),
      emit: (event) => this.#emit(event),
      describeUrl: () => this.#socket.describeUrl(),
    })
    this.#joins = new Joins({
      replies: this.#replies,
      timeoutMs: o.pushTimeoutMs,
      fatalReasons: o.fatalJoinReasons,
      isOpen: () => this.#socket.isOpen(),
      nextRef: () => this.#nextRef(),
      write: (out) => this.#write(out),
      emit: (event) => this.#emit(event),
      answered: () => this.#machine.proven(),
      joined: () => this.#outbound.pump(this.#ready, this.#writePush),
      closed: (topic) => {
        for (const p of this.#outbound.take(topic)) this.#settle(p, 'channel_closed')
      },
      refused: (topic, response) => {
        for (const p of this.#outbound.take(topic)) this.#settle(p, 'join_refused', response)
      },
    })
  }

  /** Takes a command (`push` sends `PushMessage`); the connection stamps its `time`. */
  send(command: Exclude<CommandInit, { type: 'PushMessage' }>): void {
    const c = this.#record(command)
    if (c.type === 'JoinChannel') {
      // A join over the limit is refused; the channel retries it with its backoff.
      if (this.#limiter.take(this.#o.rateLimit.costs.JoinChannel ?? 0)) {
        this.#joins.join(c.topic, c.payload)
      } else this.#emit({ type: 'RateLimited', command: c.type, topic: c.topic, action: 'reject' })
    } else if (c.type === 'LeaveChannel') this.#joins.leave(c.topic)
    else this.#machine.dispatch(c)
  }

  /**
   * Sends a push (the `PushMessage` command) and returns its promise, which settles
   * exactly once: the reply, or a `PushError`. Pushes made before their channel's join is
   * accepted, or over the rate limit, wait in the outbound buffer, in order.
   */
  push(init: PushInit): Promise<unknown> {
    const push = new Push(++this.#pushes, init)
    const c = this.#record({ type: 'PushMessage', ...init, pushId: push.id })
    const illFormed = findIllFormed(push.payload)
    if (illFormed) {
      this.#settle(push, 'invalid_payload', undefined, `${illFormed} holds a lone surrogate`)
      return push.promise
    }
    push.timer = this.#o.timers.setTimeout(() => this.#settle(push, 'timeout'), push.timeoutMs)
    // Not joined yet: it waits for the join. Joined: it goes now if it gets a token and no
    // push waits for one before it (order is kept); over the limit, `onLimit` decides.
    const ready = this.#ready(push)
    if (ready && !this.#outbound.waiting(this.#ready) && this.#limiter.take(this.#pushCost)) {
      this.#sendPush(push)
      return push.promise
    }
    const { onLimit } = this.#o.rateLimit
    const action = !ready ? 'queue' : typeof onLimit === 'function' ? onLimit(c) : onLimit
    if (action === 'allow') this.#sendPush(push)
    else if (action === 'reject') this.#settle(push, 'rate_limited')
    else if (!this.#outbound.add(push)) this.#settle(push, 'buffer_full')
    else if (ready) {
      this.#emit({ type: 'RateLimited', command: c.type, topic: c.topic, pushId: push.id, action })
      this.#outbound.pump(this.#ready, this.#writePush)
    }
    return push.promise
  }

  /** The public status, as of now (the client's `$status` shows it after the flush). */
  get status(): ConnectionStatus {
    return this.#machine.status
  }

  /** Every command, event and raw frame, in order; returns an unsubscribe. */
  inspect(listener: InspectListener): () => void {
    return this.#inspector.add(listener)
  }

  /** Adds an event of the client's own (a feature's) to the inspect stream, stamped with `time`. */
  report(init: EventInit): void {
    // A copy: the feature's event object is its own.
    if (this.#inspector.set.size) {
      const event = { ...init, time: this.#o.timers.now() } as ConnectionEvent
      this.#inspector.emit({ kind: 'event', event })
    }
  }

  #sendPush(push: Push): void {
    const { topic, event, payload } = push
    const joinRef = this.#joins.joinedRef(topic) as string
    const ref = this.#nextRef()
    push.ref = ref
    // No reply will come: written is done.
    if (!push.noReply) {
      this.#replies.expect(ref, {
        topic,
        settle: (outcome, response) => this.#settle(push, outcome, response),
      })
    }
    this.#write({ type: 'push', topic, joinRef, ref, event, payload })
    if (push.noReply) this.#settle(push, 'ok')
  }

  /** Settles a push once: it leaves the buffer, its event is reported, its promise settles. */
  #settle(push: Push, outcome: PushOutcome, response?: unknown, reason?: string): void {
    if (!push.settle(outcome, response, reason)) return
    this.#o.timers.clearTimeout(push.timer)
    // A reply that comes after this outcome is one nobody waits for any more.
    if (push.ref) this.#replies.forget(push.ref)
    else this.#outbound.remove(push)
    this.#emit(push.report(), () => push.deliver())
  }

  #closed(code: number, reason: string): void {
    const closeClass = this.#o.classifyClose(code)
    const opened = this.#opened
    this.#opened = false
    this.#joins.clear()
    this.#replies.close()
    this.#emitAndDispatch({ type: 'SocketClosed', code, reason, closeClass, opened })
  }

  #receive(frame: Frame): void {
    this.#frame('in', frame)
    const m = this.#o.protocol.decode(frame)
    if (m.type === 'invalid') this.#emit({ type: 'FrameRejected', reason: m.reason })
    else if (m.type === 'heartbeatReply') this.#heartbeat.reply(m.ref)
    else if (m.type === 'reply') {
      // A late reply (its push timed out already) or one to a ref we never sent.
      if (!this.#replies.settle(m.ref, m.status, m.response)) {
        this.#emit({ type: 'FrameRejected', reason: 'reply to no pending ref' })
      }
    } else this.#channelFrame(m)
  }

  #channelFrame(m: Exclude<Inbound, { type: 'invalid' | 'heartbeatReply' | 'reply' }>): void {
    const { topic } = m
    const membership = this.#joins.membership(topic, m.joinRef)
    if (membership === 'stale') this.#emit({ type: 'FrameRejected', reason: 'stale join_ref' })
    else if (membership === 'absent') return
    else if (m.type === 'message') {
      this.#emit({ type: 'MessageReceived', topic, event: m.event, payload: m.payload })
    } else this.#joins.ended(topic, m.type === 'channelClosed' ? 'closed' : 'errored')
  }

  #nextRef(): string {
    return `${++this.#refs}`
  }

  #write(out: Outbound): string {
    const frame = this.#o.protocol.encode(out)
    this.#frame('out', frame)
    this.#socket.send(frame)
    return (out as { ref: string }).ref
  }

  /** Stamps a command with its time and shows it to inspectors. */
  #record<C extends CommandInit>(command: C): C & { time: number } {
    const c = { ...command, time: this.#o.timers.now() }
    if (this.#inspector.set.size) this.#inspector.emit({ kind: 'command', command: c as Command })
    return c
  }

  /**
   * Builds a frame record only when someone inspects and `inspectLevel` asks for frames:
   * nothing is measured otherwise.
   */
  #frame(direction: 'in' | 'out', frame: Frame): void {
    if (this.#inspector.set.size && this.#o.inspectLevel === 'frames') {
      const time = this.#o.timers.now()
      this.#inspector.emit({ kind: 'frame', direction, size: frameSize(frame), time, frame })
    }
  }

  #emit(event: EventInit, deliver?: () => void): void {
    // Only the inspect stream needs the time, and a clock read per frame shows in
    // bench/dispatch. Every event is a fresh literal made for this call: stamped in place.
    if (this.#inspector.set.size) {
      ;(event as ConnectionEvent).time = this.#o.timers.now()
      this.#inspector.emit({ kind: 'event', event: event as ConnectionEvent })
    }
    this.#listener(event, deliver)
  }

  /** Emits an event the state machine also reacts to (after the listener heard it). */
  #emitAndDispatch(
    init: Extract<EventInit, { type: 'SocketOpened' | 'SocketClosed' | 'HeartbeatMissed' }>,
  ): void {
    this.#emit(init)
    this.#machine.dispatch(init)
  }
}
