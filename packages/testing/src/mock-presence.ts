import type { PresenceDiff, PresenceMeta, PresenceState } from '@wirestate/core/protocol'
import type { MemoryHub } from '@wirestate/engine'

// The presence shapes are the app protocol's (`@wirestate/core/protocol`).
export type { PresenceDiff, PresenceMeta, PresenceState }

/**
 * The presence of one topic on the mock server, the same presence the mock's clients
 * track when a join rule calls `ctx.track(key)`. Every change is broadcast to the
 * topic's members as one `presence_diff`; a client that joins gets the whole state as
 * `presence_state`. Get it with `server.presence(topic)`.
 *
 * Refs are `p1`, `p2`, ... in the order they are given out (reset by `server.reset()`),
 * so tests can assert whole frames.
 *
 * @example
 * ```ts
 * const lobby = server.presence('room:lobby')
 * const tab1 = lobby.join('alice', { status: 'here' })
 * lobby.join('alice', { status: 'here' })       // a second tab: a second meta
 * lobby.update('alice', { status: 'away' }, tab1)
 * lobby.leave('alice')                           // every meta of alice
 * ```
 */
export class MockPresence {
  readonly topic: string
  #hub: MemoryHub
  #nodeId: string
  #nextRef: () => string

  constructor(topic: string, hub: MemoryHub, nodeId: string, nextRef: () => string) {
    this.topic = topic
    this.#hub = hub
    this.#nodeId = nodeId
    this.#nextRef = nextRef
  }

  /** Adds a meta under `key` (a key may hold several); returns its `phx_ref`. */
  join(key: string, meta: Record<string, unknown> = {}): string {
    const ref = this.#nextRef()
    this.#hub.track(this.topic, this.#nodeId, { key, ref, meta: { ...meta } })
    return ref
  }

  /**
   * Replaces one meta of `key` (the one with `ref`; without `ref`, the key's only
   * meta): one diff where the old meta leaves and the new one joins with a new
   * `phx_ref` and `phx_ref_prev`. Returns the new ref.
   */
  update(key: string, meta: Record<string, unknown>, ref?: string): string {
    const metas = this.#metas(key)
    if (ref === undefined && metas.length > 1) {
      throw new TypeError(`presence "${key}" has ${metas.length} metas: pass the phx_ref to update`)
    }
    const old = ref === undefined ? metas[0] : metas.find((m) => m.phx_ref === ref)
    if (!old) throw new TypeError(`presence "${key}" has no meta ${ref ?? ''} on ${this.topic}`)
    const next = this.#nextRef()
    const entry = { key, ref: next, meta: { ...meta, phx_ref_prev: old.phx_ref } }
    this.#hub.update(this.topic, old.phx_ref, entry)
    return next
  }

  /** Removes one meta of `key` (by `ref`), or all of them; an unknown key does nothing. */
  leave(key: string, ref?: string): void {
    for (const meta of this.#metas(key)) {
      if (ref === undefined || meta.phx_ref === ref) this.#hub.untrack(this.topic, meta.phx_ref)
    }
  }

  /** The current state, as a joiner's `presence_state` would carry it (a copy). */
  state(): PresenceState {
    return this.#hub.list(this.topic)
  }

  #metas(key: string): PresenceMeta[] {
    const state = this.#hub.list(this.topic)
    return Object.hasOwn(state, key) ? (state[key]?.metas ?? []) : []
  }
}
