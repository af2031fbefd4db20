import { atom, type ReadableAtom } from 'nanostores'
import type { Channel } from '../../channel.ts'
import { createListeners } from '../../listeners.ts'
import { PRESENCE_DIFF, PRESENCE_STATE, PRESENCE_UPDATE } from '../../protocol/app/presence.ts'
import { defineFeature } from '../define-feature.ts'
import { type Member, Members, type MetaFields, type PresenceEntries } from './members.ts'
import { createPresenceSync } from './presence-sync.ts'

export {
  type Member,
  Members,
  type MetaFields,
  type PresenceEntries,
  type PresenceMeta,
} from './members.ts'

/**
 * Options of `presence(channel, options)` (the first call's options win).
 *
 * @example
 * ```ts
 * presence(room, { meta: { status: 'here' }, leaveDelayMs: 2_000 })
 * ```
 */
export interface PresenceOptions<Meta extends MetaFields = Record<string, unknown>> {
  /** Our own meta fields, sent with every join (the join payload's `presence`). */
  meta?: Meta
  /**
   * A member whose last connection left stays this long (ms), so a reload or a network
   * blip (leave, then rejoin) shows no leave and join. Default 1 000; 0 turns it off.
   */
  leaveDelayMs?: number
}

/**
 * Presence on one channel: who is here, as atoms, and our own meta. `Meta` types the meta
 * fields of every member's connections and of `update()`.
 *
 * @example
 * ```ts
 * const { $members, $count, onJoin, update } = presence<{ status: string }>(room)
 * ```
 */
export interface Presence<Meta extends MetaFields = Record<string, unknown>> {
  /** Members by key, each with one meta per connection. Subscribing joins the channel. */
  readonly $members: ReadableAtom<Members<Meta>>
  /** How many members (keys) are present. Subscribing joins the channel. */
  readonly $count: ReadableAtom<number>
  /** A member appeared (its first connection); returns an unsubscribe. */
  onJoin(callback: (member: Member<Meta>) => void): () => void
  /** A member is gone (its last connection, after the leave delay); returns an unsubscribe. */
  onLeave(callback: (member: Member<Meta>) => void): () => void
  /**
   * Sets our own meta: pushed now (`presence_update`, the server answers with one diff)
   * and sent with every later join. Resolves with the reply.
   */
  update(meta: Meta): Promise<unknown>
}

/**
 * The type of `presence`: a function of any channel, generic in the meta fields.
 *
 * @example
 * ```ts
 * const p: PresenceFeature = presence
 * ```
 */
export type PresenceFeature = <Meta extends MetaFields = Record<string, unknown>>(
  // biome-ignore lint/suspicious/noExplicitAny: presence sits on a channel of any event map
  channel: Channel<any>,
  options?: PresenceOptions<Meta>,
) => Presence<Meta>

type Diff = { joins?: PresenceEntries; leaves?: PresenceEntries }

/**
 * Phoenix presence as atoms. Diffs that arrive before the room's state (a real Phoenix
 * sends our own join's diff first) wait for it; a rejoin syncs against the new state, so
 * only who really changed joins or leaves. Applying a diff costs the size of the diff,
 * and a burst of diffs updates the atoms once per notify flush (reported to the inspect
 * stream as `MessagesCoalesced`). Call it before the channel joins, or it misses the
 * state (subscribing to `$members` or `$count` joins).
 *
 * @example
 * ```ts
 * import { presence } from '@wirestate/core/presence'
 *
 * interface RoomMeta { status: 'here' | 'away' }
 * const room = presence<RoomMeta>(client.channel('room:42'), { meta: { status: 'here' } })
 * room.$count.subscribe((n) => (badge.textContent = `${n} online`)) // joins
 * room.onJoin((member) => toast(`${member.id} joined`))
 * await room.update({ status: 'away' })
 * ```
 */
export const presence: PresenceFeature = defineFeature((ctx, options?: PresenceOptions) => {
  let meta = options?.meta
  let version = 0
  // Diffs of a join whose state has not arrived yet.
  let waiting: Diff[] | undefined
  const joins = createListeners<Member>(ctx.logger)
  const leaves = createListeners<Member>(ctx.logger)
  const sync = createPresenceSync({
    leaveDelayMs: options?.leaveDelayMs ?? 1_000,
    timers: ctx.timers,
    schedule: ctx.notify.schedule,
    joined: joins.emit,
    left: leaves.emit,
    // A new view per change, not a copy: subscribers see a new value, the room is not copied.
    changed: () => {
      $members.set(new Members(sync.members, ++version))
      $count.set(sync.members.size)
    },
  })
  // The initial value is its own empty view (not a live view of the sync map): a server
  // render and the hydration after it must both see "nobody", whatever has arrived since.
  const $members = ctx.bind(atom(new Members(new Map(), 0)))
  const $count = ctx.bind(atom(0))
  ctx.hook({
    // Without a meta, `presence: undefined` is left out of the JSON frame.
    params: () => ({ presence: meta }),
    joining: () => {
      waiting = []
    },
  })
  ctx.on<PresenceEntries>(PRESENCE_STATE, (state) => {
    const diffs = waiting ?? []
    waiting = undefined
    sync.state(state)
    for (const d of diffs) sync.diff(d.joins, d.leaves)
  })
  ctx.on<Diff>(PRESENCE_DIFF, (d) => {
    ctx.coalesced(PRESENCE_DIFF)
    if (waiting) waiting.push(d)
    else sync.diff(d.joins, d.leaves)
  })
  ctx.onCleanup(() => {
    waiting = undefined
    sync.clear()
  })
  return {
    $members,
    $count,
    onJoin: joins.add,
    onLeave: leaves.add,
    update(next) {
      meta = next
      return ctx.channel.push(PRESENCE_UPDATE, next)
    },
  } satisfies Presence
}, 'presence') as PresenceFeature
