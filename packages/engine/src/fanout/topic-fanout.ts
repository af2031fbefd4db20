import { PRESENCE_DIFF, STREAM_GAP } from '@wirestate/core/protocol'
import type {
  Broker,
  PresenceDiff,
  PresenceState,
  Subscription,
  TopicEvent,
} from '../broker/broker.ts'
import type { Logger } from '../logger.ts'
import { withStreamId } from '../stream/stream-payload.ts'
import { broadcastFrame, type OutboundFrame } from '../wire/outbound-frames.ts'
import { SharedFrame } from '../wire/shared-frame.ts'

/**
 * A local member of a topic: it receives the topic's frames.
 *
 * @example
 * ```ts
 * const member: FanoutMember = { connectionId: 'c1', deliver: (shared) => ws.send(shared.frame) }
 * ```
 */
export interface FanoutMember {
  readonly connectionId: string
  /**
   * `frame` is the same object for every member (encoded once per event); `id` is the
   * stream id of a stream message, else `null`.
   */
  deliver(frame: SharedFrame, id: string | null): void
  /** True when the member is shown the topic's presence (its route has `presence`). */
  readonly showsPresence?: boolean
  /** Pushes it a whole `presence_state` (only called when `showsPresence`). */
  showPresence?(state: PresenceState): void
}

// What members are sent as it comes; `resumed` is answered here instead.
type DeliveredEvent = Exclude<TopicEvent, { type: 'resumed' }>

interface LocalTopic {
  /** The topic's name as its first member brought it: see `TopicFanout.sharedName`. */
  readonly name: string
  readonly members: Set<FanoutMember>
  readonly ready: Promise<Subscription>
  // While presence is read again after a resumed subscription: how many reads are
  // in flight, and the diffs that arrived meanwhile (delivered after the state).
  resyncs: number
  held: PresenceDiff[]
}

/**
 * This node's topics: one broker subscription per topic with local members, and
 * each event encoded once, then handed to every member as the same `SharedFrame`
 * (so a transport can also turn it into bytes once).
 *
 * When the broker says a subscription `resumed` (diffs published while it was down
 * may be lost), a topic whose members are shown presence reads it once and pushes
 * every such member a whole `presence_state`, which clients apply as the truth.
 * Diffs arriving during that read wait and follow the state: one already in the
 * state changes nothing when applied again (metas are matched by `phx_ref`), a
 * later one is not lost behind it.
 *
 * @example
 * ```ts
 * const fanout = new TopicFanout(broker, logger)
 * await fanout.add('room:1', member) // live once this resolves
 * fanout.remove('room:1', member)
 * ```
 */
export class TopicFanout {
  #topics = new Map<string, LocalTopic>()
  #broker: Broker
  #logger: Logger

  constructor(broker: Broker, logger: Logger) {
    this.#broker = broker
    this.#logger = logger
  }

  /** Number of topics with local members. */
  get size(): number {
    return this.#topics.size
  }

  /**
   * `topic` as this node's members of it already hold it (else `topic` itself), so that
   * every join of a topic keeps one string rather than its own copy from its decoded
   * frame: tens of bytes per idle member, on topics of thousands.
   */
  sharedName(topic: string): string {
    return this.#topics.get(topic)?.name ?? topic
  }

  /** Adds a member; resolves once the topic's broker subscription is live. */
  async add(topic: string, member: FanoutMember): Promise<void> {
    let local = this.#topics.get(topic)
    if (!local) {
      // The listener runs only after subscribe() returned, once `opened` is set.
      const opened: LocalTopic = {
        name: topic,
        members: new Set(),
        ready: this.#broker.subscribe(topic, (event) => this.#receive(topic, opened, event)),
        resyncs: 0,
        held: [],
      }
      local = opened
      this.#topics.set(topic, local)
      opened.ready.catch(() => this.#topics.get(topic) === opened && this.#topics.delete(topic))
    }
    local.members.add(member)
    await local.ready
  }

  /** Removes a member; the last one out ends the broker subscription. */
  remove(topic: string, member: FanoutMember): void {
    const local = this.#topics.get(topic)
    if (!local?.members.delete(member) || local.members.size > 0) return
    this.#topics.delete(topic)
    local.ready
      .then((subscription) => subscription.unsubscribe())
      .catch((error) => this.#logger.warn('unsubscribe failed', { topic, error: String(error) }))
  }

  #receive(topic: string, local: LocalTopic, event: TopicEvent): void {
    if (event.type === 'resumed') void this.#resync(topic, local)
    else if (event.type === 'presence_diff' && local.resyncs > 0) local.held.push(event)
    else this.#dispatch(topic, local.members, event)
  }

  async #resync(topic: string, local: LocalTopic): Promise<void> {
    if (![...local.members].some((member) => member.showsPresence)) return
    local.resyncs++
    try {
      const state = await this.#broker.listPresence(topic)
      for (const member of local.members) if (member.showsPresence) member.showPresence?.(state)
    } catch (error) {
      this.#logger.warn('presence resync failed', { topic, error: String(error) })
    } finally {
      if (--local.resyncs === 0) {
        const held = local.held.splice(0)
        for (const diff of held) this.#dispatch(topic, local.members, diff)
      }
    }
  }

  #dispatch(topic: string, members: Set<FanoutMember>, event: DeliveredEvent): void {
    let frame: SharedFrame
    try {
      frame = new SharedFrame(encodeEvent(topic, event))
    } catch (error) {
      this.#logger.error('dropped an event that cannot be encoded', { topic, error: String(error) })
      return
    }
    const skip = event.type === 'message' ? event.from : null
    const id = event.type === 'message' ? event.id : null
    for (const member of members) {
      if (skip === null || member.connectionId !== skip) member.deliver(frame, id)
    }
  }
}

function encodeEvent(topic: string, event: DeliveredEvent): OutboundFrame {
  if (event.type === 'gap') return broadcastFrame(topic, STREAM_GAP, { recovered: false })
  if (event.type === 'presence_diff') {
    return broadcastFrame(topic, PRESENCE_DIFF, { joins: event.joins, leaves: event.leaves })
  }
  const payload = event.id === null ? event.payload : withStreamId(event.payload, event.id)
  return broadcastFrame(topic, event.event, payload)
}
