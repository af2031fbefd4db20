import { reasonOf } from '../errors.ts'
import type { EventInit } from '../events.ts'
import type { Outbound } from '../protocol/adapter.ts'
import type { Replies, ReplyOutcome } from './replies.ts'

/** One join of a topic: its ref (the join_ref of every frame of that join), and whether it was accepted. */
interface Join {
  ref: string
  joined: boolean
}

/**
 * What the joins need from their connection.
 *
 * @example
 * ```ts
 * const host: JoinsHost = { replies, timeoutMs: 10_000, isOpen, nextRef, write, emit, joined, closed }
 * ```
 */
export interface JoinsHost {
  replies: Replies
  /** How long a join or a leave waits for its reply. */
  timeoutMs: number
  /** Refusal reasons that are not retried (`fatalJoinReasons`). */
  fatalReasons: readonly string[]
  isOpen(): boolean
  nextRef(): string
  write(outbound: Outbound): void
  emit(event: EventInit): void
  /** The server answered a join (either way): the connection works end to end. */
  answered(): void
  /** The topic's join was accepted: what waited for it can go. */
  joined(topic: string): void
  /** The topic is left or closed for good: what waited for it is cancelled. */
  closed(topic: string): void
  /** The topic's join was refused for good: what waited for it fails with the refusal. */
  refused(topic: string, response: unknown): void
}

/**
 * The channels joined on this socket, as the wire sees them: one current join per topic,
 * its join_ref, and what a frame of that topic means for it (phoenix.js's `isMember`).
 *
 * @example
 * ```ts
 * const joins = new Joins(host)
 * joins.join('room:1', { nick: 'ann' })
 * joins.leave('room:1')
 * ```
 */
export class Joins {
  #joins = new Map<string, Join>()
  #host: JoinsHost

  constructor(host: JoinsHost) {
    this.#host = host
  }

  /** The current join's ref if the server accepted it; `undefined` otherwise. */
  joinedRef(topic: string): string | undefined {
    const join = this.#joins.get(topic)
    return join?.joined ? join.ref : undefined
  }

  /**
   * Whether a frame of this topic and join_ref belongs to the current join. Frames for
   * topics not joined are ignored (`absent`); frames of an older join are `stale`.
   */
  membership(topic: string, joinRef: string | null): 'member' | 'stale' | 'absent' {
    const join = this.#joins.get(topic)
    if (!join) return 'absent'
    return joinRef && joinRef !== join.ref ? 'stale' : 'member'
  }

  /** Sends a join; a new join of a topic replaces the old one. Nothing if the socket is down. */
  join(topic: string, payload: unknown): void {
    const host = this.#host
    // Not open: the client joins again on SocketOpened, with params evaluated then.
    if (!host.isOpen()) return
    const join: Join = { ref: host.nextRef(), joined: false }
    this.#joins.set(topic, join)
    const settle = (outcome: ReplyOutcome, response: unknown) => {
      if (this.#joins.get(topic) !== join || outcome === 'channel_closed') return
      if (outcome !== 'timeout') host.answered()
      if (outcome === 'ok') {
        join.joined = true
        host.emit({ type: 'ChannelJoined', topic, response })
        host.joined(topic)
        return
      }
      this.#joins.delete(topic)
      const reason = outcome === 'timeout' ? outcome : (reasonOf(response) ?? 'refused')
      const fatal = host.fatalReasons.includes(reason)
      host.emit({ type: 'ChannelJoinRejected', topic, reason, fatal, response })
      if (fatal) host.refused(topic, response)
    }
    host.replies.expect(join.ref, { topic, settle }, host.timeoutMs)
    host.write({ type: 'join', topic, joinRef: join.ref, payload })
  }

  /** Sends a leave (if joined on an open socket); `ChannelLeft` when it completes. */
  leave(topic: string): void {
    const host = this.#host
    const join = this.#joins.get(topic)
    this.#joins.delete(topic)
    // Pushes already sent keep waiting: the server answers them before the leave.
    host.closed(topic)
    const settle = () => host.emit({ type: 'ChannelLeft', topic })
    if (!join || !host.isOpen()) {
      settle()
      return
    }
    const ref = host.nextRef()
    host.replies.expect(ref, { topic, settle }, host.timeoutMs)
    host.write({ type: 'leave', topic, joinRef: join.ref, ref })
  }

  /**
   * The server channel crashed (`errored`) or closed: what was sent to it gets no reply,
   * and after a close nothing buffered is sent either. After a crash, the rejoin sends it.
   */
  ended(topic: string, how: 'errored' | 'closed'): void {
    this.#joins.delete(topic)
    this.#host.replies.close(topic)
    if (how === 'closed') this.#host.closed(topic)
    this.#host.emit({ type: how === 'closed' ? 'ChannelClosed' : 'ChannelErrored', topic })
  }

  /** The socket closed: every join ended with it. */
  clear(): void {
    this.#joins.clear()
  }
}
