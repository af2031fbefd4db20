// Presence as Phoenix speaks it (phoenix.js `presence.js`): the event names, the payload
// shapes, and how a state and a diff combine, once for the client, the server's engine,
// the test kit and devtools.

/** The whole room, pushed to a joiner. */
export const PRESENCE_STATE = 'presence_state'
/** What changed, broadcast to every member. */
export const PRESENCE_DIFF = 'presence_diff'
/** A member asks to replace its own meta (a wirestate addition; see docs/protocol.md). */
export const PRESENCE_UPDATE = 'presence_update'

/**
 * One connection's presence meta: its fields plus a unique `phx_ref` (and `phx_ref_prev`
 * after an update).
 *
 * @example
 * ```ts
 * const meta: PresenceMeta = { phx_ref: 'GOpUenTHOqbfjgQx', online_at: '1795340286', status: 'here' }
 * ```
 */
export interface PresenceMeta {
  readonly phx_ref: string
  readonly phx_ref_prev?: string
  readonly [field: string]: unknown
}

/**
 * Presence by key (usually a user id), one meta per connection: the payload of
 * `presence_state`, and the `joins` and `leaves` of a `presence_diff`.
 *
 * @example
 * ```ts
 * const state: PresenceState = { alice: { metas: [{ phx_ref: 'a1' }, { phx_ref: 'a2' }] } }
 * ```
 */
export type PresenceState = Record<string, { metas: PresenceMeta[] }>

/**
 * The payload of `presence_diff`.
 *
 * @example
 * ```ts
 * const diff: PresenceDiff = { joins: { bob: { metas: [{ phx_ref: 'b1' }] } }, leaves: {} }
 * ```
 */
export interface PresenceDiff {
  joins: PresenceState
  leaves: PresenceState
}

/**
 * Told, per key, what a sync did, as phoenix.js's `onJoin` / `onLeave`: `onJoin` gets
 * the key's presence before the join (`undefined`: the key is new) and what joined;
 * `onLeave` the presence that stays (no metas: the key is gone) and what left.
 *
 * @example
 * ```ts
 * const callbacks: PresenceSyncCallbacks = { onJoin: (key, current) => current || console.log(`${key} arrived`) }
 * ```
 */
export interface PresenceSyncCallbacks {
  onJoin?(
    key: string,
    current: { metas: PresenceMeta[] } | undefined,
    joined: { metas: PresenceMeta[] },
  ): void
  onLeave?(key: string, current: { metas: PresenceMeta[] }, left: { metas: PresenceMeta[] }): void
}

/**
 * Applies a `presence_diff` to `state`, in place, in O(size of the diff), as phoenix.js
 * `Presence.syncDiff`: joins first (a joined meta replaces the one with its `phx_ref`),
 * then leaves (by `phx_ref`); a key with no meta left is removed. Arrays and objects
 * already in `state` are never changed (new ones replace them), so earlier snapshots
 * stay valid; keys such as `__proto__` are ordinary keys; malformed entries are skipped.
 * Returns `state`.
 *
 * @example
 * ```ts
 * const state: PresenceState = {}
 * syncDiff(state, { joins: { alice: { metas: [{ phx_ref: 'a1' }] } }, leaves: {} })
 * state.alice?.metas.length // 1
 * ```
 */
export function syncDiff(
  state: PresenceState,
  diff: Partial<PresenceDiff>,
  callbacks: PresenceSyncCallbacks = {},
): PresenceState {
  const { joins, leaves } = (diff ?? {}) as Partial<PresenceDiff>
  for (const [key, joined] of entries(joins)) {
    const current = own(state, key)
    const refs = new Set(joined.metas.map((m) => m.phx_ref))
    const kept = current ? current.metas.filter((m) => !refs.has(m.phx_ref)) : []
    put(state, key, { metas: kept.concat(joined.metas) })
    callbacks.onJoin?.(key, current, joined)
  }
  for (const [key, left] of entries(leaves)) {
    const current = own(state, key)
    if (!current) continue
    const refs = new Set(left.metas.map((m) => m.phx_ref))
    const staying = { metas: current.metas.filter((m) => !refs.has(m.phx_ref)) }
    if (staying.metas.length) put(state, key, staying)
    else delete state[key]
    callbacks.onLeave?.(key, staying, left)
  }
  return state
}

/**
 * Brings `state` to a whole `presence_state`, in place, as phoenix.js
 * `Presence.syncState`: the difference is applied with {@link syncDiff}, so metas
 * already held keep their objects and callbacks hear only what changed. O(room).
 * Returns `state`.
 *
 * @example
 * ```ts
 * const state = syncState({}, { alice: { metas: [{ phx_ref: 'a1' }] } })
 * syncState(state, {}) // alice leaves
 * ```
 */
export function syncState(
  state: PresenceState,
  next: PresenceState,
  callbacks: PresenceSyncCallbacks = {},
): PresenceState {
  const joins: PresenceState = Object.create(null)
  const leaves: PresenceState = Object.create(null)
  for (const [key, current] of entries(state)) {
    if (!own(next, key)) put(leaves, key, current)
  }
  for (const [key, wanted] of entries(next)) {
    const current = own(state, key)
    const held = new Set(current?.metas.map((m) => m.phx_ref))
    const wantedRefs = new Set(wanted.metas.map((m) => m.phx_ref))
    const joined = wanted.metas.filter((m) => !held.has(m.phx_ref))
    const left = current ? current.metas.filter((m) => !wantedRefs.has(m.phx_ref)) : []
    if (joined.length) put(joins, key, { metas: joined })
    if (left.length) put(leaves, key, { metas: left })
  }
  return syncDiff(state, { joins, leaves }, callbacks)
}

// Own, well-formed entries only: payloads come from the network.
function entries(state: unknown): [string, { metas: PresenceMeta[] }][] {
  if (state === null || typeof state !== 'object') return []
  return Object.entries(state as PresenceState).filter(([, presence]) =>
    Array.isArray(presence?.metas),
  )
}

function own(state: PresenceState, key: string): { metas: PresenceMeta[] } | undefined {
  return Object.hasOwn(state, key) ? state[key] : undefined
}

// defineProperty, not assignment: `state.__proto__ = x` would set the prototype.
function put(state: PresenceState, key: string, presence: { metas: PresenceMeta[] }): void {
  Object.defineProperty(state, key, {
    value: presence,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

/**
 * A presence topic's event map, for a channel used without the presence feature; `Meta`
 * types the meta fields.
 *
 * @example
 * ```ts
 * const room = client.channel<PresenceChannelEvents<{ status: string }>>('room:42')
 * room.on('presence_diff', (diff) => Object.keys(diff.joins))
 * ```
 */
export interface PresenceChannelEvents<Meta extends object = Record<string, unknown>> {
  receive: {
    presence_state: Record<string, { metas: (PresenceMeta & Meta)[] }>
    presence_diff: {
      joins: Record<string, { metas: (PresenceMeta & Meta)[] }>
      leaves: Record<string, { metas: (PresenceMeta & Meta)[] }>
    }
  }
  push: { presence_update: { payload: Meta; reply: unknown } }
}
