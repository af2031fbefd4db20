import type { PresenceState } from '../broker/broker.ts'
import type { EngineContext } from '../engine-context.ts'
import { defaultPresenceMeta } from '../presence/presence-meta.ts'
import type { Channel } from './channel.ts'
import type { PresenceOptions } from './channel-route.ts'
import { type Reply, replyError, replyOk } from './reply.ts'

/**
 * What a {@link MemberPresence} needs of the join it belongs to.
 *
 * @example
 * ```ts
 * const owner: PresenceOwner = { channel, closed: () => member.closed, show: (state) => member.showPresence(state) }
 * ```
 */
export interface PresenceOwner<User = unknown> {
  /** The join as route hooks see it (for `presence.key` and `presence.meta`). */
  readonly channel: Channel<User>
  /** Whether the join has ended (checked after every await). */
  closed(): boolean
  /** Pushes a whole `presence_state` to the member. */
  show(state: PresenceState): void
}

/**
 * One join's own presence on a route with `presence`: tracked after the join (then
 * the member is shown the topic's state), renamed by `presence_update`, removed
 * when the join ends, also when it ended while the broker was busy.
 *
 * @example
 * ```ts
 * const presence = new MemberPresence(owner, context, { key: (channel) => channel.user.name })
 * await presence.track({ status: 'here' })
 * await presence.untrack()
 * ```
 */
export class MemberPresence<User = unknown> {
  readonly #owner: PresenceOwner<User>
  readonly #ctx: EngineContext<User>
  readonly #options: PresenceOptions<User>
  #entry: { key: string; ref: string } | null = null

  constructor(
    owner: PresenceOwner<User>,
    ctx: EngineContext<User>,
    options: PresenceOptions<User>,
  ) {
    this.#owner = owner
    this.#ctx = ctx
    this.#options = options
  }

  /** Tracks the member (unless its key is `null`), then shows it the topic's presence. */
  async track(requested: unknown): Promise<void> {
    const { channel } = this.#owner
    const key = this.#options.key(channel)
    if (key !== null) {
      const ref = this.#ctx.presenceRef()
      await this.#ctx.broker.track(channel.topic, { key, ref, meta: this.#meta(requested) })
      this.#entry = { key, ref }
      if (this.#owner.closed()) return void (await this.untrack())
    }
    this.#owner.show(await this.#ctx.broker.listPresence(channel.topic))
  }

  /** Replaces the member's meta (a `presence_update`): one diff, a new `phx_ref`. */
  async update(requested: unknown): Promise<Reply> {
    const current = this.#entry
    if (!current) return replyError({ reason: 'not tracked' })
    const { topic } = this.#owner.channel
    const next = { key: current.key, ref: this.#ctx.presenceRef(), meta: this.#meta(requested) }
    const meta = { ...next.meta, phx_ref_prev: current.ref }
    if (!(await this.#ctx.broker.updatePresence(topic, current.ref, { ...next, meta }))) {
      return replyError({ reason: 'not tracked' })
    }
    // The join may have ended while the broker renamed the entry: its end
    // untracked the old ref, so the new one is ours to remove.
    this.#entry = { key: current.key, ref: next.ref }
    if (this.#owner.closed()) await this.untrack()
    return replyOk()
  }

  /** Removes the member's entry, if any; a broker failure is logged (it retries). */
  async untrack(): Promise<void> {
    const entry = this.#entry
    this.#entry = null
    if (!entry) return
    const { topic } = this.#owner.channel
    try {
      await this.#ctx.broker.untrack(topic, entry.ref)
    } catch (error) {
      this.#ctx.logger.warn('untrack failed', { topic, error: String(error) })
    }
  }

  #meta(requested: unknown): Record<string, unknown> {
    const build = this.#options.meta
    return build ? build(this.#owner.channel, requested) : defaultPresenceMeta(requested)
  }
}
