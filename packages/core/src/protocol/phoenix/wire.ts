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
} = {
  join: 'phx_join',
  leave: 'phx_leave',
  reply: 'phx_reply',
  error: 'phx_error',
  close: 'phx_close',
  heartbeat: 'heartbeat',
  heartbeatTopic: 'phoenix',
  presenceState: 'presence_state',
  presenceDiff: 'presence_diff',
  vsn: '2.0.0',
}
