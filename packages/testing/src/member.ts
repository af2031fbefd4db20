import type { WIRE } from '@wirestate/core/protocol'
import type { MockConnection } from './mock-connection.ts'
import type { ServerContext } from './server-context.ts'

/**
 * One join of a topic by one connection: what gets that join's `join_ref`, what a
 * broadcast reaches, and what owns the joiner's own presence meta.
 *
 * @example
 * ```ts
 * const member = new Member(connection, server, 'room:1', '3')
 * member.push('welcome', {})  // ["3",null,"room:1","welcome",{}]
 * member.terminate(WIRE.close) // ["3","3","room:1","phx_close",{}], then ends the join
 * ```
 */
export class Member {
  readonly connection: MockConnection
  readonly topic: string
  readonly joinRef: string
  #server: ServerContext
  #presence: { key: string; ref: string } | undefined
  #ended = false

  constructor(connection: MockConnection, server: ServerContext, topic: string, joinRef: string) {
    this.connection = connection
    this.#server = server
    this.topic = topic
    this.joinRef = joinRef
  }

  get ended(): boolean {
    return this.#ended
  }

  /** Sends an event to this member only: with its join_ref, without a ref. */
  push(event: string, payload: unknown): void {
    const { joinRef, topic } = this
    this.connection.send({ joinRef, ref: null, topic, event, payload })
  }

  /** Tracks this member's own presence meta under `key` (broadcast as a diff). */
  track(key: string, meta: Record<string, unknown>): void {
    const ref = this.#server.presence(this.topic).join(key, meta)
    this.#presence = { key, ref }
  }

  /** Whether this member's own presence is tracked (so it may `presence_update`). */
  get tracksPresence(): boolean {
    return this.#presence !== undefined
  }

  /** Replaces this member's own meta (one diff); does nothing if it tracks none. */
  updatePresence(meta: Record<string, unknown>): void {
    const tracked = this.#presence
    const presence = this.#server.presenceOf(this.topic)
    if (tracked && presence) tracked.ref = presence.update(tracked.key, meta, tracked.ref)
  }

  /** Ends the join from the server side with `phx_close` or `phx_error`. */
  terminate(event: typeof WIRE.close | typeof WIRE.error): void {
    const { joinRef, topic } = this
    this.connection.send({ joinRef, ref: joinRef, topic, event, payload: {} })
    this.end()
  }

  /** Ends the join quietly: no more broadcasts, and its presence meta leaves. */
  end(): void {
    if (this.#ended) return
    this.#ended = true
    this.#server.members(this.topic).delete(this)
    this.connection.forget(this)
    const tracked = this.#presence
    if (tracked) this.#server.presenceOf(this.topic)?.leave(tracked.key, tracked.ref)
  }
}
