import { PRESENCE_DIFF, STREAM_GAP } from '@wirestate/core/protocol'
import type { Broker, Subscription, TopicEvent } from '../broker/broker.ts'
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
}

interface LocalTopic {
  readonly members: Set<FanoutMember>
  readonly ready: Promise<Subscription>
}

/**
 * This node's topics: one broker subscription per topic with local members, and
 * each event encoded once, then handed to every member as the same `SharedFrame`
 * (so a transport can also turn it into bytes once).
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

  /** Adds a member; resolves once the topic's broker subscription is live. */
  async add(topic: string, member: FanoutMember): Promise<void> {
    let local = this.#topics.get(topic)
    if (!local) {
      const members = new Set<FanoutMember>()
      const ready = this.#broker.subscribe(topic, (event) => this.#dispatch(topic, members, event))
      local = { members, ready }
      this.#topics.set(topic, local)
      ready.catch(() => this.#topics.get(topic) === local && this.#topics.delete(topic))
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

  #dispatch(topic: string, members: Set<FanoutMember>, event: TopicEvent): void {
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

function encodeEvent(topic: string, event: TopicEvent): OutboundFrame {
  if (event.type === 'gap') return broadcastFrame(topic, STREAM_GAP, { recovered: false })
  if (event.type === 'presence_diff') {
    return broadcastFrame(topic, PRESENCE_DIFF, { joins: event.joins, leaves: event.leaves })
  }
  const payload = event.id === null ? event.payload : withStreamId(event.payload, event.id)
  return broadcastFrame(topic, event.event, payload)
}
