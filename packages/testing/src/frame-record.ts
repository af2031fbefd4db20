import { type Frame, type Message, WIRE } from '@wirestate/core/protocol'
import { type EngineObserver, TopicPattern } from '@wirestate/engine'

/**
 * One decoded frame, with the id of the connection it came from or went to.
 *
 * @example
 * ```ts
 * const entry: RecordedFrame = { connection: 1, message: { joinRef: '1', ref: '2', topic: 'room:1', event: 'new_msg', payload: {} } }
 * ```
 */
export interface RecordedFrame {
  connection: number
  message: Message
}

/**
 * Something that went wrong, kept instead of thrown so a broken client or handler
 * cannot crash the test's socket:
 * - `malformed`: a frame from the client that is not a Phoenix v2 message (the socket
 *   is closed with 1011, as the real server does)
 * - `handler`: a join or push handler threw or returned something that is not a reply
 * - `connection`: a connection that was refused for a protocol reason (no `vsn=2.0.0`)
 *
 * @example
 * ```ts
 * afterEach(() => expect(server.errors).toEqual([]))
 * ```
 */
export type MockServerError =
  | { kind: 'malformed'; connection: number; frame: Frame; reason: string }
  | { kind: 'handler'; connection: number; topic: string; event: string; error: unknown }
  | { kind: 'connection'; connection: number; reason: string }

/**
 * What the mock server saw and sent, in order, for assertions.
 *
 * @example
 * ```ts
 * const record = new FrameRecord()
 * record.received.push({ connection: 1, message })
 * record.pushes('room:*', 'new_msg')
 * ```
 */
export class FrameRecord {
  readonly received: RecordedFrame[] = []
  readonly sent: RecordedFrame[] = []
  readonly errors: MockServerError[] = []

  /**
   * Payload-level view of what clients sent: every received message except heartbeats,
   * optionally only on topics matching `topic` (a pattern such as `room:*`) and only
   * of `event` (joins are `phx_join`, leaves `phx_leave`).
   */
  pushes(topic?: string, event?: string): Message[] {
    const pattern = topic === undefined ? undefined : new TopicPattern(topic)
    return this.received
      .map((r) => r.message)
      .filter(
        (m) =>
          m.topic !== WIRE.heartbeatTopic &&
          (!pattern || pattern.match(m.topic)) &&
          (event === undefined || m.event === event),
      )
  }

  /**
   * What the engine observes, written into this record; `socketOf` turns the engine's
   * connection id into the mock's connection number.
   */
  observer(socketOf: (connectionId: string) => number): EngineObserver {
    return {
      frameReceived: (connectionId, message) =>
        this.received.push({ connection: socketOf(connectionId), message }),
      frameRejected: (connectionId, frame, reason) =>
        this.errors.push({ kind: 'malformed', connection: socketOf(connectionId), frame, reason }),
      handlerFailed: (connectionId, topic, event, error) =>
        this.errors.push({
          kind: 'handler',
          connection: socketOf(connectionId),
          topic,
          event,
          error,
        }),
    }
  }

  clear(): void {
    this.received.length = 0
    this.sent.length = 0
    this.errors.length = 0
  }
}
