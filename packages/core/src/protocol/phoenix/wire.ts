import { PRESENCE_DIFF, PRESENCE_STATE } from '../app/presence.ts'

// One constant per name: the client imports the names it uses, and a bundler keeps only
// those (an object's unused keys are never shaken out, nor are its property reads renamed).
export const JOIN = 'phx_join'
export const LEAVE = 'phx_leave'
export const REPLY = 'phx_reply'
export const ERROR = 'phx_error'
export const CLOSE = 'phx_close'
export const HEARTBEAT = 'heartbeat'
export const HEARTBEAT_TOPIC = 'phoenix'
export const VSN = '2.0.0'
// wirestate's extension of the connect URL (docs/protocol.md, "Refused connections"): a
// client that sends `refusal=close` can read why its connect was refused, as a close code.
export const REFUSAL_PARAM = 'refusal'
export const REFUSAL_CLOSE = 'close'

/**
 * Wire names of Phoenix Channels v2. They live here and nowhere else: the rest of
 * wirestate speaks in commands and events.
 *
 * @example
 * ```ts
 * if (message.event === WIRE.reply) handleReply(message)
 * ```
 */
export const WIRE: {
  readonly join: 'phx_join'
  readonly leave: 'phx_leave'
  readonly reply: 'phx_reply'
  readonly error: 'phx_error'
  readonly close: 'phx_close'
  readonly heartbeat: 'heartbeat'
  readonly heartbeatTopic: 'phoenix'
  readonly presenceState: 'presence_state'
  readonly presenceDiff: 'presence_diff'
  readonly vsn: '2.0.0'
  readonly refusalParam: 'refusal'
  readonly refusalClose: 'close'
} = {
  join: JOIN,
  leave: LEAVE,
  reply: REPLY,
  error: ERROR,
  close: CLOSE,
  heartbeat: HEARTBEAT,
  heartbeatTopic: HEARTBEAT_TOPIC,
  presenceState: PRESENCE_STATE,
  presenceDiff: PRESENCE_DIFF,
  vsn: VSN,
  refusalParam: REFUSAL_PARAM,
  refusalClose: REFUSAL_CLOSE,
}
