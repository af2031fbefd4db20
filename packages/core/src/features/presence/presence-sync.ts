import type { Timers } from '../../options.ts'
import { type PresenceSyncCallbacks, syncDiff, syncState } from '../../protocol/app/presence.ts'
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
 * Creates the merge over `syncState` / `syncDiff` of `@wirestate/core/protocol` (the
 * presence merging the server's engine, the test kit and devtools use): they keep the
 * room as the server sends it; each key they touch is settled here into a `Member`.
 * Members waiting out their leave delay stay in `members` with the metas they last had;
 * a rejoin within the delay replaces them.
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
  // The room as the server sees it; `members` is what the app is shown.
  let room: PresenceEntries = Object.create(null)

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

  const metasOf = (id: string) => (Object.hasOwn(room, id) ? (room[id]?.metas ?? []) : [])

  // A key may be both joined and left by one diff: settle it once, after both. A whole
  // state settles who is gone first, then the rest (as the app has always heard it).
  function settleTouched(apply: (touch: PresenceSyncCallbacks) => void, goneFirst: boolean) {
    const touched = new Set<string>()
    const touch = (key: string) => void touched.add(key)
    apply({ onJoin: touch, onLeave: touch })
    const keys = [...touched]
    const gone = goneFirst ? keys.filter((id) => !metasOf(id).length) : []
    const order = goneFirst ? gone.concat(keys.filter((id) => metasOf(id).length)) : keys
    for (const id of order) settle(id, metasOf(id))
    hooks.changed()
  }

  return {
    members,
    state(entries) {
      settleTouched((touch) => syncState(room, entries, touch), true)
    },
    diff(joins, leaves) {
      settleTouched((touch) => syncDiff(room, { joins, leaves }, touch), false)
    },
    clear() {
      for (const timer of leaving.values()) timers.clearTimeout(timer)
      leaving.clear()
      members.clear()
      room = Object.create(null)
      hooks.changed()
    },
  }
}

const same = (a: readonly PresenceMeta[], b: readonly PresenceMeta[]) =>
  a.length === b.length && a.every((meta, i) => meta === b[i])
