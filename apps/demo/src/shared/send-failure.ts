import type { ChatMessage } from '@wirestate/core/chat'

// Refusals the server gives for a moment, not for good: its rate limit, and a repeat of a
// message whose first send it is still storing.
const PASSING_REFUSALS = new Set(['rate limited', 'in progress'])

/**
 * Whether sending a failed message again may work: yes for what passes (no reply in time,
 * the channel closed, a rate limit, a full buffer, a refusal for a moment); no when the
 * server refused the message itself (`invalid message`, `forbidden`, ...) or could never
 * receive it (a join refused for good, a payload it cannot read). Read from the failure's
 * `PushErrorCode`.
 *
 * @example
 * ```ts
 * canSucceedLater({ ...message, errorCode: 'timeout' }) // true
 * canSucceedLater({ ...message, errorCode: 'error', error: 'invalid message' }) // false
 * ```
 */
export function canSucceedLater(message: ChatMessage): boolean {
  switch (message.errorCode) {
    case 'timeout':
    case 'channel_closed':
    case 'rate_limited':
    case 'buffer_full':
      return true
    case 'error':
      return PASSING_REFUSALS.has(message.error ?? '')
    default:
      return false
  }
}
