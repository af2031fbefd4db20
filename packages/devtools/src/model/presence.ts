/**
 * One connection of a present member, as the server sent it (Phoenix: `phx_ref` plus
 * the app's fields).
 *
 * @example
 * ```ts
 * const meta: PresenceMeta = { phx_ref: 'F1', online_at: '1795340286' }
 * ```
 */
export type PresenceMeta = { phx_ref?: string } & Record<string, unknown>

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

type PresenceState = Record<string, { metas?: PresenceMeta[] }>

function metasOf(state: unknown): [string, PresenceMeta[]][] {
  if (state === null || typeof state !== 'object') return []
  return Object.entries(state as PresenceState)
    .filter(([, v]) => Array.isArray(v?.metas))
    .map(([key, v]) => [key, v.metas as PresenceMeta[]])
}

/**
 * Replaces the members with a `presence_state` payload (`{key: {metas: [...]}}`).
 *
 * @example
 * ```ts
 * applyPresenceState(members, { ann: { metas: [{ phx_ref: 'F1' }] } })
 * ```
 */
export function applyPresenceState(members: PresenceMembers, state: unknown): void {
  members.clear()
  for (const [key, metas] of metasOf(state)) members.set(key, [...metas])
}

/**
 * Applies a `presence_diff` payload (`{joins, leaves}`) in O(size of the diff), as
 * phoenix.js does: leaves remove metas by `phx_ref`, joins add theirs (a join whose
 * `phx_ref` is already there replaces it), and a key with no metas left is gone.
 *
 * @example
 * ```ts
 * applyPresenceDiff(members, { joins: { bob: { metas: [{ phx_ref: 'F2' }] } }, leaves: {} })
 * ```
 */
export function applyPresenceDiff(members: PresenceMembers, diff: unknown): void {
  const { joins, leaves } = (diff ?? {}) as { joins?: unknown; leaves?: unknown }
  for (const [key, gone] of metasOf(leaves)) {
    const refs = new Set(gone.map((m) => m.phx_ref))
    const left = (members.get(key) ?? []).filter((m) => !refs.has(m.phx_ref))
    if (left.length) members.set(key, left)
    else members.delete(key)
  }
  for (const [key, added] of metasOf(joins)) {
    const refs = new Set(added.map((m) => m.phx_ref))
    const kept = (members.get(key) ?? []).filter((m) => !refs.has(m.phx_ref))
    members.set(key, [...kept, ...added])
  }
}
