import {
  type PresenceDiff,
  type PresenceState,
  type PresenceMeta as ProtocolPresenceMeta,
  syncDiff,
  syncState,
} from '@wirestate/core/protocol'

/**
 * One connection of a present member, as the server sent it (Phoenix: `phx_ref` plus
 * the app's fields).
 *
 * @example
 * ```ts
 * const meta: PresenceMeta = { phx_ref: 'F1', online_at: '1795340286' }
 * ```
 */
export type PresenceMeta = ProtocolPresenceMeta

/**
 * Who is present on a channel: each key (usually a user) with its metas, one per
 * connection.
 *
 * @example
 * ```ts
 * const members: PresenceMembers = new Map([['ann', [{ phx_ref: 'F1' }]]])
 * ```
 */
export type PresenceMembers = Map<string, PresenceMeta[]>

/**
 * Replaces the members with a `presence_state` payload (`{key: {metas: [...]}}`), read
 * with the protocol's `syncState` (malformed entries are skipped).
 *
 * @example
 * ```ts
 * applyPresenceState(members, { ann: { metas: [{ phx_ref: 'F1' }] } })
 * ```
 */
export function applyPresenceState(members: PresenceMembers, state: unknown): void {
  const next = syncState(Object.create(null), state as PresenceState)
  members.clear()
  for (const [key, { metas }] of Object.entries(next)) members.set(key, metas)
}

/**
 * Applies a `presence_diff` payload (`{joins, leaves}`) with the protocol's `syncDiff`,
 * as clients merge it (phoenix.js order: joins, then leaves, by `phx_ref`), in O(size
 * of the diff): only the keys the diff names are read and written back.
 *
 * @example
 * ```ts
 * applyPresenceDiff(members, { joins: { bob: { metas: [{ phx_ref: 'F2' }] } }, leaves: {} })
 * ```
 */
export function applyPresenceDiff(members: PresenceMembers, diff: unknown): void {
  const { joins, leaves } = (diff ?? {}) as Partial<PresenceDiff>
  const keys = new Set([...keysOf(joins), ...keysOf(leaves)])
  const touched: PresenceState = Object.create(null)
  for (const key of keys) {
    const metas = members.get(key)
    if (metas) touched[key] = { metas }
  }
  syncDiff(touched, { joins, leaves })
  for (const key of keys) {
    const now = Object.hasOwn(touched, key) ? touched[key] : undefined
    if (now) members.set(key, now.metas)
    else members.delete(key)
  }
}

function keysOf(state: unknown): string[] {
  return state !== null && typeof state === 'object' ? Object.keys(state) : []
}
