/**
 * One presence meta: whatever the test or the joining client gave, plus its unique
 * `phx_ref` (and `phx_ref_prev` after an update, as Phoenix's `update`).
 *
 * @example
 * ```ts
 * const meta: PresenceMeta = { status: 'here', phx_ref: 'p1' }
 * ```
 */
export type PresenceMeta = Record<string, unknown> & { phx_ref: string }

/**
 * A presence state as `presence_state` carries it: every key with its metas, one per
 * connection (one user on two tabs is one key with two metas).
 *
 * @example
 * ```ts
 * const state: PresenceState = { alice: { metas: [{ phx_ref: 'p1' }, { phx_ref: 'p2' }] } }
 * ```
 */
export type PresenceState = Record<string, { metas: PresenceMeta[] }>

/**
 * A `presence_diff` payload: only the metas that joined and left.
 *
 * @example
 * ```ts
 * const diff: PresenceDiff = { joins: { bob: { metas: [{ phx_ref: 'p3' }] } }, leaves: {} }
 * ```
 */
export interface PresenceDiff {
  joins: PresenceState
  leaves: PresenceState
}

/**
 * The presence of one topic on the mock server. Every change is broadcast to the
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
  #metas = new Map<string, PresenceMeta[]>()
  #publish: (diff: PresenceDiff) => void
  #nextRef: () => string

  constructor(topic: string, publish: (diff: PresenceDiff) => void, nextRef: () => string) {
    this.topic = topic
    this.#publish = publish
    this.#nextRef = nextRef
  }

  /** Adds a meta under `key` (a key may hold several); returns its `phx_ref`. */
  join(key: string, meta: Record<string, unknown> = {}): string {
    const added: PresenceMeta = { ...meta, phx_ref: this.#nextRef() }
    this.#metas.set(key, [...(this.#metas.get(key) ?? []), added])
    this.#publish({ joins: { [key]: { metas: [added] } }, leaves: {} })
    return added.phx_ref
  }

  /**
   * Replaces one meta of `key` (the one with `ref`; without `ref`, the key's only
   * meta): one diff where the old meta leaves and the new one joins with a new
   * `phx_ref` and `phx_ref_prev`. Returns the new ref.
   */
  update(key: string, meta: Record<string, unknown>, ref?: string): string {
    const metas = this.#metas.get(key) ?? []
    if (ref === undefined && metas.length > 1) {
      throw new TypeError(`presence "${key}" has ${metas.length} metas: pass the phx_ref to update`)
    }
    const old = ref === undefined ? metas[0] : metas.find((m) => m.phx_ref === ref)
    if (!old) throw new TypeError(`presence "${key}" has no meta ${ref ?? ''} on ${this.topic}`)
    const updated: PresenceMeta = { ...meta, phx_ref: this.#nextRef(), phx_ref_prev: old.phx_ref }
    this.#metas.set(
      key,
      metas.map((m) => (m === old ? updated : m)),
    )
    this.#publish({ joins: { [key]: { metas: [updated] } }, leaves: { [key]: { metas: [old] } } })
    return updated.phx_ref
  }

  /** Removes one meta of `key` (by `ref`), or all of them; an unknown key does nothing. */
  leave(key: string, ref?: string): void {
    const metas = this.#metas.get(key) ?? []
    const leaving = metas.filter((m) => ref === undefined || m.phx_ref === ref)
    if (leaving.length === 0) return
    const staying = metas.filter((m) => !leaving.includes(m))
    if (staying.length) this.#metas.set(key, staying)
    else this.#metas.delete(key)
    this.#publish({ joins: {}, leaves: { [key]: { metas: leaving } } })
  }

  /** The current state, as a joiner's `presence_state` would carry it (a copy). */
  state(): PresenceState {
    const state: PresenceState = {}
    for (const [key, metas] of this.#metas) state[key] = { metas: metas.map((m) => ({ ...m })) }
    return state
  }
}
