import type { PresenceMeta, PresenceState } from '../../protocol/app/presence.ts'

export type { PresenceMeta }

/**
 * A member: a key (usually a user id) with one meta per connection (two tabs, two metas).
 * A member object is never changed: a change makes a new one, so an unchanged member
 * keeps its reference (handy for memoized list rows).
 *
 * @example
 * ```ts
 * const member: Member = { id: 'alice', metas: [{ phx_ref: 'a1' }, { phx_ref: 'a2' }] }
 * ```
 */
export interface Member {
  readonly id: string
  readonly metas: readonly PresenceMeta[]
}

/**
 * Presence as the server sends it: `{ key: { metas: [...] } }`, the whole room in
 * `presence_state`, the changes in the `joins` and `leaves` of a `presence_diff`
 * (`PresenceState` of `@wirestate/core/protocol`).
 *
 * @example
 * ```ts
 * const entries: PresenceEntries = { alice: { metas: [{ phx_ref: 'a1' }] } }
 * ```
 */
export type PresenceEntries = PresenceState

/**
 * The value of `$members`: a read-only `Map` from key to {@link Member}, a new object on
 * every change (so stores and React see a change) without copying the room: it is a view
 * over the presence's one Map, so a diff costs what the diff holds, not what the room
 * holds. `version` counts changes. An earlier value reads like the latest one; compare
 * `version`s or keep the `Member` objects (which never change) to tell what changed.
 *
 * @example
 * ```ts
 * $members.subscribe((members) => {
 *   render([...members.values()].map((m) => m.id), members.size)
 * })
 * ```
 */
export class Members implements ReadonlyMap<string, Member> {
  readonly version: number
  #map: Map<string, Member>

  constructor(map: Map<string, Member>, version: number) {
    this.#map = map
    this.version = version
  }

  get size(): number {
    return this.#map.size
  }

  get(id: string): Member | undefined {
    return this.#map.get(id)
  }

  has(id: string): boolean {
    return this.#map.has(id)
  }

  keys(): MapIterator<string> {
    return this.#map.keys()
  }

  values(): MapIterator<Member> {
    return this.#map.values()
  }

  entries(): MapIterator<[string, Member]> {
    return this.#map.entries()
  }

  forEach(callback: (member: Member, id: string, map: ReadonlyMap<string, Member>) => void): void {
    for (const [id, member] of this.#map) callback(member, id, this)
  }

  [Symbol.iterator](): MapIterator<[string, Member]> {
    return this.#map.entries()
  }
}
