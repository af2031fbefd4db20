import type { FrameRecord } from './frame-record.ts'
import type { JoinHandler, PushHandler } from './handler-context.ts'
import type { Member } from './member.ts'
import type { MockPresence } from './mock-presence.ts'
import type { MockStream } from './mock-stream.ts'
import type { Rules } from './rules.ts'

/**
 * What connections and members need from their mock server: its rules, its record, the
 * members of each topic, and the presence and stream of each topic.
 *
 * @example
 * ```ts
 * for (const member of server.members('room:1')) member.push('ping', {})
 * ```
 */
export interface ServerContext {
  readonly record: FrameRecord
  // biome-ignore lint/suspicious/noExplicitAny: handlers narrow their own payload type
  readonly joinRules: Rules<JoinHandler<any>>
  // biome-ignore lint/suspicious/noExplicitAny: handlers narrow their own payload type
  readonly pushRules: Rules<PushHandler<any>>
  /** The live set of members joined to `topic`. */
  members(topic: string): Set<Member>
  /** The topic's presence, if it has one. */
  presenceOf(topic: string): MockPresence | undefined
  /** The topic's presence, created on first use. */
  presence(topic: string): MockPresence
  /** The topic's stream, if it is a stream topic. */
  streamOf(topic: string): MockStream | undefined
  /** Sends an event (join_ref and ref null) to every member of `topic` but `except`. */
  broadcast(topic: string, event: string, payload: unknown, except?: Member): void
}
