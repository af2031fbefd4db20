import type { PushErrorCode } from './codes.ts'
import type { ConnectionEvent } from './events.ts'

/**
 * Why a push was rejected: `code` is one of `PushErrorCode`; for `error`, `response` is
 * what the server replied (e.g. `{ reason: 'invalid' }`).
 *
 * @example
 * ```ts
 * channel.push('new_msg', { body }).catch((e: PushError) => {
 *   if (e.code === 'error') form.showError(e.response)
 * })
 * ```
 */
export class PushError extends Error {
  readonly code: PushErrorCode
  readonly response: unknown

  constructor(code: PushErrorCode, response?: unknown) {
    super(`push failed: ${code}`)
    this.name = 'PushError'
    this.code = code
    this.response = response
  }
}

const FAILURES: Record<string, PushErrorCode> = {
  PushTimedOut: 'timeout',
  PushCancelled: 'channel_closed',
  BufferOverflowed: 'buffer_full',
  RateLimited: 'rate_limited',
}

/**
 * Settles the push an event names, if it names one: the reply resolves it (or rejects it
 * with `error`), the other outcomes reject it with their code. Each push settles once:
 * it is forgotten as it settles, so a later outcome finds nothing.
 *
 * @example
 * ```ts
 * const pending = new Map<number, PendingPush>()
 * connection.listen((event) => settlePush(pending, event))
 * ```
 */
export function settlePush(pending: Map<number, PendingPush>, e: ConnectionEvent): boolean {
  if (!('pushId' in e) || !e.pushId) return false
  const [resolve, reject] = pending.get(e.pushId) ?? []
  pending.delete(e.pushId)
  const code = e.type === 'ReplyReceived' ? (e.status === 'ok' ? null : 'error') : FAILURES[e.type]
  const response = 'response' in e ? e.response : undefined
  if (code) reject?.(new PushError(code, response))
  else resolve?.(response)
  return true
}

/**
 * A push's promise callbacks, while it waits for its outcome.
 *
 * @example
 * ```ts
 * new Promise((resolve, reject) => pending.set(id, [resolve, reject]))
 * ```
 */
export type PendingPush = [resolve: (response: unknown) => void, reject: (error: PushError) => void]
