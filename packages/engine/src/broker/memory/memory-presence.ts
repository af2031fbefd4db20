import { type PresenceMeta, syncDiff } from '@wirestate/core/protocol'
import type { PresenceDiff, PresenceEntry, PresenceState } from '../broker.ts'

interface TopicPresence {
  /** The topic's presence as clients see it, kept by the protocol's `syncDiff`. */
  readonly state: PresenceState
  /** Who owns each meta: its key and the node that tracked it. */
  readonly owners: Map<string, { readonly key: string; readonly nodeId: string }>
}

/**
 * The presence of a {@link MemoryHub}: every change is one `presence_diff`, applied to
 * the topic's state with the protocol's `syncDiff` (the merging clients, the test kit
 * and devtools use) and published as it was applied. Keys such as `__proto__` are
 * ordinary keys.
 *
 * @example
 * ```ts
 * const presence = new MemoryPresence((topic, diff) => hub.emit(topic, diff))
 * presence.track('room:1', 'node-a', { key: 'alice', ref: 'r1', meta: {} })
 * presence.list('room:1') // { alice: { metas: [{ phx_ref: 'r1' }] } }
 * ```
 */
export class MemoryPresence {
  #topics = new Map<string, TopicPresence>()
  #publish: (topic: string, diff: PresenceDiff) => void

  constructor(publish: (topic: string, diff: PresenceDiff) => void) {
    this.#publish = publish
  }

  /** Adds a meta owned by `nodeId`; publishes its join. */
  track(topic: string, nodeId: string, entry: PresenceEntry): void {
    let presence = this.#topics.get(topic)
    if (!presence) {
      presence = { state: Object.create(null), owners: new Map() }
      this.#topics.set(topic, presence)
    }
    presence.owners.set(entry.ref, { key: entry.key, nodeId })
    this.#apply(topic, presence, grouped([[entry.key, metaOf(entry)]]), grouped([]))
  }

  /** Swaps the meta under `ref` for `next` in one diff; false if `ref` is unknown. */
  update(topic: string, ref: string, next: PresenceEntry): boolean {
    const presence = this.#topics.get(topic)
    const owner = presence?.owners.get(ref)
    if (!presence || !owner) return false
    const previous = metaIn(presence, owner.key, ref)
    presence.owners.delete(ref)
    presence.owners.set(next.ref, { key: next.key, nodeId: owner.nodeId })
    const leaves = grouped(previous ? [[owner.key, previous]] : [])
    this.#apply(topic, presence, grouped([[next.key, metaOf(next)]]), leaves)
    return true
  }

  /** Removes the metas under `refs` (those that exist) in one diff. */
  untrack(topic: string, refs: readonly string[]): void {
    const presence = this.#topics.get(topic)
    if (!presence) return
    const gone: [string, PresenceMeta][] = []
    for (const ref of refs) {
      const owner = presence.owners.get(ref)
      const meta = owner && metaIn(presence, owner.key, ref)
      presence.owners.delete(ref)
      if (owner && meta) gone.push([owner.key, meta])
    }
    if (gone.length) this.#apply(topic, presence, grouped([]), grouped(gone))
  }

  /** The refs `nodeId` owns, by topic. */
  ownedBy(nodeId: string): Map<string, string[]> {
    const owned = new Map<string, string[]>()
    for (const [topic, { owners }] of this.#topics) {
      const refs = [...owners].filter(([, owner]) => owner.nodeId === nodeId).map(([ref]) => ref)
      if (refs.length) owned.set(topic, refs)
    }
    return owned
  }

  /** Everyone on the topic (a copy). */
  list(topic: string): PresenceState {
    const copy: PresenceState = Object.create(null)
    const state = this.#topics.get(topic)?.state ?? {}
    for (const [key, { metas }] of Object.entries(state)) {
      copy[key] = { metas: metas.map((meta) => ({ ...meta })) }
    }
    return copy
  }

  #apply(topic: string, presence: TopicPresence, joins: PresenceState, leaves: PresenceState) {
    syncDiff(presence.state, { joins, leaves })
    if (presence.owners.size === 0) this.#topics.delete(topic)
    this.#publish(topic, { type: 'presence_diff', joins, leaves })
  }
}

function metaOf({ ref, meta }: PresenceEntry): PresenceMeta {
  return { ...meta, phx_ref: ref }
}

function metaIn(presence: TopicPresence, key: string, ref: string): PresenceMeta | undefined {
  const metas = Object.hasOwn(presence.state, key) ? presence.state[key]?.metas : undefined
  return metas?.find((meta) => meta.phx_ref === ref)
}

// Null prototype: keys come from applications (often user names).
function grouped(metas: readonly [string, PresenceMeta][]): PresenceState {
  const state: PresenceState = Object.create(null)
  for (const [key, meta] of metas) {
    const group = state[key] ?? { metas: [] }
    group.metas.push(meta)
    state[key] = group
  }
  return state
}
