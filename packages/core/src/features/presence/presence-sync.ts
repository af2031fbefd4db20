import type { Timers } from '../../options.ts'
import type { Member, PresenceEntries, PresenceMeta } from './members.ts'

/**
 * What the presence merge tells its owner, and what it needs.
 *
 * @example
 * ```ts
 * const hooks: PresenceSyncHooks = { leaveDelayMs: 0, timers, schedule: (f) => f(), joined, left, changed }
 * ```
 */
export interface PresenceSyncHooks {
  /** A member whose last meta left stays this long; a rejoin within it is no leave and join. */
  leaveDelayMs: number
  timers: Timers
  /** Runs a delayed leave in the next notify flush. */
  schedule(callback: () => void): void
  /** A key appeared. */
  joined(member: Member): void
  /** A key's last meta left (after the delay). */
  left(member: Member): void
  /** The members changed; publish them. */
  changed(): void
}

/**
 * Phoenix presence merging (`syncState` / `syncDiff` of phoenix.js), applied in place to
 * one Map: a diff costs the size of the diff, never the size of the room.
 *
 * @example
 * ```ts
 * const sync = createPresenceSync(hooks)
 * sync.state({ alice: { metas: [{ phx_ref: 'a1' }] } })
 * sync.diff({ alice: { metas: [{ phx_ref: 'a2' }] } }, {})
 * sync.members.get('alice')?.metas.length // 2
 * ```
 */
export interface PresenceSync {
  readonly members: Map<string, Member>
  /** A whole `presence_state`: keys and metas missing from it leave. O(room). */
  state(entries: PresenceEntries): void
  /** One `presence_diff`: joins first, then leaves, as phoenix.js. O(diff). */
  diff(joins: PresenceEntries | undefined, leaves: PresenceEntries | undefined): void
  /** Forgets everyone at once (our own leave): no callbacks, no pending leaves. */
  clear(): void
}

/**
 * Creates the merge. Members waiting out their leave delay stay in `members` with the
 * metas they last had, but count as having none: a join replaces those metas.
 *
 * @example
 * ```ts
 * const sync = createPresenceSync({ leaveDelayMs: 1_000, timers, schedule, joined, left, changed })
 * ```
 */
export function createPresenceSync(hooks: PresenceSyncHooks): PresenceSync {
  const { timers, leaveDelayMs } = hooks
  const members = new Map<string, Member>()
  const leaving = new Map<string, unknown>()

  const metasOf = (id: string) => (leaving.has(id) ? [] : (members.get(id)?.metas ?? []))

  // No `: void`: it returns leave()'s nothing to end early.
  function settle(id: string, metas: readonly PresenceMeta[]) {
    const before = members.get(id)
    const wasLeaving = leaving.has(id)
    if (before && !wasLeaving && same(before.metas, metas)) return
    if (metas.length) {
      timers.clearTimeout(leaving.get(id))
      leaving.delete(id)
      const member: Member = { id, metas }
      members.set(id, member)
      if (!before) hooks.joined(member)
    } else if (before && !wasLeaving) {
      if (!leaveDelayMs) return leave(id, before)
      const timer = timers.setTimeout(
        () =>
          hooks.schedule(() => {
            // A rejoin may have come in between the timer and this flush.
            if (leaving.get(id) !== timer) return
            leaving.delete(id)
            leave(id, before)
            hooks.changed()
          }),
        leaveDelayMs,
      )
      leaving.set(id, timer)
    }
  }

  function leave(id: string, member: Member): void {
    members.delete(id)
    hooks.left(member)
  }

  // A key has a meta per connection, a handful at most: linear scans beat building Sets.
  function merge(id: string, joins: PresenceMeta[] = [], leaves: PresenceMeta[] = []): void {
    const metas = without(metasOf(id), joins).concat(joins)
    settle(id, leaves.length ? without(metas, leaves) : metas)
  }

  return {
    members,
    state(entries) {
      // Deleting the current key while iterating a Map is safe.
      for (const id of members.keys()) {
        if (!Object.hasOwn(entries, id)) settle(id, [])
      }
      for (const id in entries) {
        const next = entries[id]?.metas ?? []
        // Metas we already hold keep their objects; gone ones leave, new ones join.
        const kept = metasOf(id).filter((m) => has(next, m))
        settle(id, kept.concat(without(next, kept)))
      }
      hooks.changed()
    },
    diff(joins, leaves) {
      for (const id in joins) merge(id, joins[id]?.metas, leaves?.[id]?.metas)
      for (const id in leaves)
        if (!joins || !Object.hasOwn(joins, id)) merge(id, [], leaves[id]?.metas)
      hooks.changed()
    },
    clear() {
      for (const timer of leaving.values()) timers.clearTimeout(timer)
      leaving.clear()
      members.clear()
      hooks.changed()
    },
  }
}

const same = (a: readonly PresenceMeta[], b: readonly PresenceMeta[]) =>
  a.length === b.length && a.every((meta, i) => meta === b[i])

const has = (metas: readonly PresenceMeta[], meta: PresenceMeta) =>
  metas.some((m) => m.phx_ref === meta.phx_ref)

/** The metas of `metas` whose `phx_ref` is not in `refs`. */
const without = (metas: readonly PresenceMeta[], refs: readonly PresenceMeta[]) =>
  refs.length ? metas.filter((m) => !has(refs, m)) : (metas as PresenceMeta[])
