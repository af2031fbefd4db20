import type { InspectEntry } from '@wirestate/core'
import { WIRE } from '@wirestate/core/protocol'
import { applyPresenceDiff, applyPresenceState, type PresenceMembers } from './presence.ts'

/**
 * What the channels view shows of one topic, folded from the inspect stream.
 *
 * `state` follows the channel's commands and events: `joining` → `joined`, or
 * `rejected` (with `reason`), `leaving` → `left`, `errored`, `closed`, and `offline`
 * while the socket is down (the client rejoins once it is back).
 *
 * @example
 * ```ts
 * const room = table.get('room:42')
 * room?.state // 'joined'
 * ```
 */
export interface ChannelSummary {
  topic: string
  state: ChannelStatus
  reason?: string
  /** The params of the latest join, as sent (redact before showing). */
  params: unknown
  joins: number
  messagesIn: number
  messagesOut: number
  lastActivity: number
  presence: PresenceMembers
}

/**
 * The state of a channel as the devtools saw it; `unknown` until a command or event
 * says (a channel joined before the panel was mounted).
 *
 * @example
 * ```ts
 * const badge: ChannelStatus = 'joined'
 * ```
 */
export type ChannelStatus =
  | 'unknown'
  | 'joining'
  | 'joined'
  | 'rejected'
  | 'leaving'
  | 'left'
  | 'errored'
  | 'closed'
  | 'offline'

type Channelish = { type: string; time: number; topic?: string }

const NEXT_STATE: Record<string, ChannelStatus | undefined> = {
  JoinChannel: 'joining',
  LeaveChannel: 'leaving',
  ChannelJoined: 'joined',
  ChannelJoinRejected: 'rejected',
  ChannelLeft: 'left',
  ChannelErrored: 'errored',
  ChannelClosed: 'closed',
}

/**
 * Every channel seen on the inspect stream, with its state, join count, message counts,
 * last activity and presence members (from `presence_state` / `presence_diff`).
 *
 * @example
 * ```ts
 * const table = new ChannelTable()
 * client.inspect((entry) => table.apply(entry))
 * table.list().map((c) => `${c.topic} ${c.state}`)
 * ```
 */
export class ChannelTable {
  #byTopic = new Map<string, ChannelSummary>()

  /** The channels in the order they were first seen. */
  list(): ChannelSummary[] {
    return [...this.#byTopic.values()]
  }

  get(topic: string): ChannelSummary | undefined {
    return this.#byTopic.get(topic)
  }

  /** Folds one inspect entry in; frames are ignored (commands and events say it all). */
  apply(entry: InspectEntry): void {
    if (entry.kind === 'frame') return
    const item: Channelish = entry.kind === 'command' ? entry.command : entry.event
    if (item.type === 'SocketClosed') this.#socketLost()
    if (typeof item.topic !== 'string') return
    const channel = this.#channel(item.topic)
    channel.lastActivity = item.time
    this.#fold(channel, item)
  }

  clear(): void {
    this.#byTopic.clear()
  }

  #fold(channel: ChannelSummary, e: Channelish): void {
    const { payload, reason, event } = e as { payload?: unknown; reason?: string; event?: string }
    const next = NEXT_STATE[e.type]
    if (next) channel.state = next
    if (e.type === 'JoinChannel') {
      channel.params = payload
      channel.reason = undefined
    } else if (e.type === 'ChannelJoined') channel.joins++
    else if (e.type === 'ChannelJoinRejected') channel.reason = reason
    else if (e.type === 'PushMessage') channel.messagesOut++
    else if (e.type === 'ChannelLeft' || e.type === 'ChannelClosed') channel.presence.clear()
    else if (e.type === 'ReplyReceived' || e.type === 'MessageReceived') {
      channel.messagesIn++
      // Messages only reach joined channels: a channel first seen mid-session is joined.
      if (channel.state === 'unknown') channel.state = 'joined'
      if (event === WIRE.presenceState) applyPresenceState(channel.presence, payload)
      else if (event === WIRE.presenceDiff) applyPresenceDiff(channel.presence, payload)
    }
  }

  #socketLost(): void {
    for (const channel of this.#byTopic.values()) {
      if (channel.state === 'joined' || channel.state === 'joining') channel.state = 'offline'
    }
  }

  #channel(topic: string): ChannelSummary {
    let channel = this.#byTopic.get(topic)
    if (!channel) {
      channel = {
        topic,
        state: 'unknown',
        params: undefined,
        joins: 0,
        messagesIn: 0,
        messagesOut: 0,
        lastActivity: 0,
        presence: new Map(),
      }
      this.#byTopic.set(topic, channel)
    }
    return channel
  }
}
