import type { ChatMessage } from '@wirestate/core/chat'
import { parseStreamId } from '@wirestate/core/stream'
import { canSucceedLater } from './send-failure.ts'

/** How a message row is marked: its state in words, for the eye and for tests. */
export interface MessageMark {
  readonly kind: 'sent' | 'sending' | 'queued' | 'failed'
  readonly text: string
  /**
   * For a failed message, whether to offer Retry (the failure may pass) or Edit (the
   * server refused the message itself: it has to change first).
   */
  readonly canRetry?: boolean
}

/**
 * The mark of a message: its time once stored; `sending…` while on its way; `queued`
 * while the socket is down (core sends it when the room has rejoined); `failed` with the
 * reason, and whether a retry may help, until retried or discarded.
 *
 * @example
 * ```ts
 * messageMark(message, status === 'connected') // { kind: 'queued', text: 'queued' }
 * ```
 */
export function messageMark(message: ChatMessage, connected: boolean): MessageMark {
  if (message.status === 'failed') {
    const canRetry = canSucceedLater(message)
    return { kind: 'failed', text: `not sent: ${message.error ?? 'error'}`, canRetry }
  }
  if (message.status === 'pending') {
    return connected ? { kind: 'sending', text: 'sending…' } : { kind: 'queued', text: 'queued' }
  }
  const stored = parseStreamId(message.id)
  const time = stored ? new Date(stored.ms) : undefined
  return { kind: 'sent', text: time ? time.toLocaleTimeString([], TIME) : '' }
}

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' }
