import type { EventInit } from '../events.ts'
import { NOTIFICATIONS_STATE } from '../protocol/app/notifications.ts'
import {
  PRESENCE_DIFF,
  PRESENCE_STATE,
  type PresenceDiff,
  type PresenceState,
  syncDiff,
  syncState,
} from '../protocol/app/presence.ts'
import { STREAM_GAP } from '../protocol/app/stream.ts'
import { parseStreamId, type StreamIdParts } from '../protocol/stream-id.ts'

/**
 * The most stream messages a topic keeps, so that a tab joining it while other tabs hold it
 * gets what it missed since its own `since` (a tab that left the room and came back). Older
 * than that, it is told `recovered: false` and reloads, as after a server-side gap.
 */
export const REPLAY_LIMIT = 1_000

/**
 * Events whose latest payload is a state that replaces the one before: a tab joining a
 * topic the others hold gets the latest one after the join reply (which is as old as the
 * join on the wire).
 */
const STATE_EVENTS = new Set([NOTIFICATIONS_STATE])

/** A stream id and its parts, compared as two numbers. */
interface Cursor {
  id: string
  parts: StreamIdParts
}

/** A tab using the topic. */
interface Member {
  /** The newest stream message it has: what it resumes after. */
  since: Cursor | undefined
  /** Waiting for the answer to its join. */
  asked: boolean
}

interface Logged {
  event: string
  payload: unknown
  at: Cursor
}

/**
 * One topic on the shared socket: the tabs using it, and one join on the wire for all of
 * them. It remembers what a tab joining later needs to be where the others are: the join
 * reply, the presence (merged from `presence_state` and `presence_diff`), the latest state
 * events, and the last `REPLAY_LIMIT` stream messages. Each tab gets each stream message
 * once, after what it has; a rejoin resumes from the oldest `since` of its tabs.
 *
 * @example
 * ```ts
 * const topic = new SharedTopic('room:1')
 * topic.ask('tab-a', {}) // 'join': send the join on the wire
 * topic.joined({ recovered: true }) // ['tab-a']: tell them
 * ```
 */
export class SharedTopic {
  readonly name: string
  readonly members: Map<string, Member> = new Map()
  /** The join on the wire: none, sent, or accepted. */
  wire: 'none' | 'joining' | 'joined' = 'none'
  /** The wire leave waiting out the grace period after a closed tab was the last user. */
  leaveTimer: unknown
  #response: unknown
  /** The `since` the wire join was sent with. */
  #sent: Cursor | undefined
  #newest: Cursor | undefined
  #log: Logged[] = []
  /** The log holds every message after this id (`undefined`: after its first entry only). */
  #from: Cursor | undefined
  #presence: PresenceState | undefined
  #states = new Map<string, unknown>()

  constructor(name: string) {
    this.name = name
  }

  /** A tab holds the topic (it attached to the hub with it), resuming after `lastId`. */
  hold(tab: string, lastId: string | undefined): void {
    this.members.set(tab, { since: cursor(lastId), asked: false })
  }

  /**
   * A tab asks to join with `payload`. What the hub does next: send the join on the wire
   * (`join`), wait for the one on its way (`wait`), or answer at once (`answer`, with
   * `lateJoin`). A tab without a `since` of its own takes what arrives from now on.
   */
  ask(tab: string, payload: unknown): 'join' | 'wait' | 'answer' {
    const member = this.members.get(tab) ?? { since: undefined, asked: false }
    this.members.set(tab, member)
    const stated = cursor((payload as { since?: unknown } | null)?.since)
    member.since = stated ?? member.since ?? this.#newest
    if (this.wire === 'joined') return 'answer'
    member.asked = true
    return this.wire === 'joining' ? 'wait' : 'join'
  }

  /** The wire join's payload: the asking tab's, resuming after the oldest `since` of all. */
  joinPayload(payload: unknown): Record<string, unknown> {
    let oldest: Cursor | undefined
    for (const { since } of this.members.values()) {
      if (since && (!oldest || after(oldest, since))) oldest = since
    }
    this.#sent = oldest
    const { since: _, ...rest } = (payload ?? {}) as Record<string, unknown>
    return oldest ? { ...rest, since: oldest.id } : rest
  }

  /** The wire join was accepted; returns the tabs that were waiting for it. */
  joined(response: unknown): string[] {
    this.wire = 'joined'
    this.#response = response
    this.#log = []
    if ((response as { recovered?: unknown } | null)?.recovered === false) this.#restart()
    else this.#newest = this.#from = this.#sent
    return this.#answered()
  }

  /** The wire join was refused (or rate-limited); returns the tabs that were waiting. */
  refused(fatal: boolean): string[] {
    this.wire = 'none'
    const waiting = this.#answered()
    // Refused for good: those tabs' channels stop, and never send a leave.
    if (fatal) for (const tab of waiting) this.members.delete(tab)
    return waiting
  }

  /** The join on the wire ended (socket closed, or the server channel crashed). */
  ended(): void {
    this.wire = 'none'
    for (const member of this.members.values()) member.asked = false
  }

  /**
   * A message of the topic; returns the tabs to give it to: every member, but a stream
   * message only to those that do not have it yet.
   */
  message(event: string, payload: unknown): string[] {
    if (event === PRESENCE_STATE) {
      this.#presence = syncState(Object.create(null), payload as PresenceState)
    } else if (event === PRESENCE_DIFF && this.#presence) {
      syncDiff(this.#presence, payload as PresenceDiff)
    } else if (STATE_EVENTS.has(event)) this.#states.set(event, payload)
    else if (event === STREAM_GAP) this.#restart()
    const at = cursor((payload as { id?: unknown } | null)?.id)
    if (!at) return [...this.members.keys()]
    if (!this.#newest || after(at, this.#newest)) this.#record({ event, payload, at })
    const to: string[] = []
    for (const [tab, member] of this.members) {
      if (member.since && !after(at, member.since)) continue
      member.since = at
      to.push(tab)
    }
    return to
  }

  /**
   * What a tab joining while the topic is joined gets, in the order a join of its own
   * would bring them: the join reply (`recovered: false` if what it missed is no longer
   * held), the presence and latest states, then the stream messages after its `since`.
   */
  lateJoin(tab: string): EventInit[] {
    const member = this.members.get(tab) as Member
    const topic = this.name
    let response = this.#response
    let missed: Logged[] = []
    const since = member.since
    if (since && this.#newest && after(this.#newest, since)) {
      const first = this.#from ?? this.#log[0]?.at
      if (first && !after(first, since)) missed = this.#log.filter((m) => after(m.at, since))
      else response = { ...(response as object), recovered: false }
      member.since = this.#newest
    }
    const out: EventInit[] = [{ type: 'ChannelJoined', topic, response }]
    const received = (event: string, payload: unknown): EventInit => {
      return { type: 'MessageReceived', topic, event, payload }
    }
    if (this.#presence) out.push(received(PRESENCE_STATE, this.#presence))
    for (const [event, payload] of this.#states) out.push(received(event, payload))
    for (const m of missed) out.push(received(m.event, m.payload))
    return out
  }

  /** Waiting tabs, now answered. */
  #answered(): string[] {
    const waiting: string[] = []
    for (const [tab, member] of this.members) {
      if (!member.asked) continue
      member.asked = false
      waiting.push(tab)
    }
    return waiting
  }

  #record(message: Logged): void {
    this.#newest = message.at
    if (this.#log.push(message) > REPLAY_LIMIT) this.#from = this.#log.shift()?.at
  }

  /** The server lost stream entries: ids start over, nothing before counts. */
  #restart(): void {
    this.#newest = this.#from = undefined
    this.#log = []
    for (const member of this.members.values()) member.since = undefined
  }
}

function cursor(id: unknown): Cursor | undefined {
  const parts = parseStreamId(id)
  return parts ? { id: id as string, parts } : undefined
}

/** Whether `a` comes after `b`. */
function after(a: Cursor, b: Cursor): boolean {
  return (a.parts.ms - b.parts.ms || a.parts.seq - b.parts.seq) > 0
}
