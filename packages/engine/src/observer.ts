import type { Frame, Message } from '@wirestate/core/protocol'

/**
 * What an engine reports beside its logger, as plain data, for a transport that keeps a
 * record (the test kit shows tests every frame and every failure). Every member is
 * optional; one that throws is not guarded.
 *
 * @example
 * ```ts
 * const observer: EngineObserver = {
 *   frameReceived: (connectionId, message) => received.push({ connectionId, message }),
 *   handlerFailed: (connectionId, topic, event, error) => failures.push(error),
 * }
 * ```
 */
export interface EngineObserver {
  /** A client frame decoded, before it is handled (heartbeats included). */
  frameReceived?(connectionId: string, message: Message): void
  /** A client frame that is not a v2 message; the connection closes with 1011. */
  frameRejected?(connectionId: string, frame: Frame, reason: string): void
  /**
   * A join handler (`event` is `phx_join`: the join is refused with `join crashed`) or an
   * event handler (the join ends with `phx_error`) threw.
   */
  handlerFailed?(connectionId: string, topic: string, event: string, error: unknown): void
}
