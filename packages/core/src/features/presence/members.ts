import type { PresenceMeta, PresenceState } from '../../protocol/app/presence.ts'

export type { PresenceMeta }

/**
 * The meta fields of a presence: what each connection says about itself (`{ status:
 * 'here' }`), typed by the app. Any object type.
 *
 * @example
 * ```ts
 * interface RoomMeta { status: 'here' | 'away'; nick: string }
 * const p = presence<RoomMeta>(room, { meta: { status: 'here', nick: 'ann' } })
 * ```
 */
export type MetaFields = object

/**
 * A member: a key (usually a user id) with one meta per connection (two tabs, two metas),
 * each the app's `Meta` fields plus Phoenix's `phx_ref`. A member object is never changed:
 * a change makes a new one, so an unchanged member keeps its reference (handy for memoized
 * list rows).
 *
 * @example
 * ```ts
 * const member: Member<{ status: string }> = { id: 'alice', metas: [{ phx_ref: 'a1', status: 'here' }] }
 * ```
 */
export interface Member<Meta extends MetaFields = Record<string, unknown>> {
  readonly id: string
  readonly metas: readonly (PresenceMeta & Readonly<Meta>)[]
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
 * A view is frozen: Vue's `readonly()` proxies (what `@nanostores/vue` returns in
 * development builds) leave frozen objects as they are, and a proxy could not reach the
 * view's private Map.
 *
 * @example
 * ```ts
 * $members.subscribe((members) => {
 *   render([...members.values()].map((m) => m.id), members.size)
 * })
 * ```
 */
export class Members<Meta extends MetaFields = Record<string, unknown>>
  implements ReadonlyMap<string, Member<Meta>>
{
  readonly version: number
  #map: Map<string, Member<Meta>>

  constructor(map: Map<string, Member<Meta>>, version: number) {
    this.#map = map
    this.version = version
    Object.freeze(this)
  }

  get size(): number {
    return this.#map.size
  }

  get(id: string): Member<Meta> | undefined {
    return this.#map.get(id)
  }

  has(id: string): boolean {
    return this.#map.has(id)
  }

  keys(): MapIterator<string> {
    return this.#map.keys()
  }

  values(): MapIterator<Member<Meta>> {
    return this.#map.values()
  }

  entries(): MapIterator<[string, Member<Meta>]> {
    return this.#map.entries()
  }

  forEach(
    callback: (member: Member<Meta>, id: string, map: ReadonlyMap<string, Member<Meta>>) => void,
  ): void {
    for (const [id, member] of this.#map) callback(member, id, this)
  }

  [Symbol.iterator](): MapIterator<[string, Member<Meta>]> {
    return this.#map.entries()
  }
}
