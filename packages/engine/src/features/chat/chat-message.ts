import { type ChatMessagePayload, parseStreamId } from '@wirestate/core/protocol'
import { isPlainObject } from '../../stream/stream-payload.ts'

/**
 * A chat message as clients get it, in `new_msg` and in `history` pages
 * (`ChatMessagePayload` of `@wirestate/core/protocol`, where the chat's wire names and
 * payloads live).
 *
 * @example
 * ```ts
 * const message: ChatMessage = { id: '1700000000000-0', body: 'hi', user: 'alice', client_id: 'c-1' }
 * ```
 */
export type ChatMessage = ChatMessagePayload

const MAX_CLIENT_ID = 64

/**
 * What a `new_msg` push asks to store, or `null` when it is not a valid message
 * (no body, empty, longer than `maxBody`, or a `client_id` that is not 1–64 chars).
 *
 * @example
 * ```ts
 * readNewMessage({ body: 'hi', client_id: 'c-1' }, 2000) // { body: 'hi', client_id: 'c-1' }
 * readNewMessage({ body: '' }, 2000)                     // null
 * ```
 */
export function readNewMessage(
  payload: unknown,
  maxBody: number,
): { body: string; client_id?: string } | null {
  if (!isPlainObject(payload)) return null
  const { body, client_id } = payload
  if (!isBody(body, maxBody)) return null
  if (client_id === undefined) return { body }
  if (typeof client_id !== 'string' || client_id === '' || client_id.length > MAX_CLIENT_ID) {
    return null
  }
  return { body, client_id }
}

/**
 * What an `edit_msg` (with `maxBody`) or `delete_msg` (with `null`) push names:
 * the message `id` and, for an edit, the new `body`; else the error reason.
 *
 * @example
 * ```ts
 * readChange({ id: '1700000000000-0', body: 'fixed' }, 2000) // { id: '1700000000000-0', body: 'fixed' }
 * readChange({ id: 'nope' }, null)                           // 'invalid id'
 * ```
 */
export function readChange(
  payload: unknown,
  maxBody: number | null,
): { id: string; body: string | null } | 'invalid id' | 'invalid message' {
  const { id, body } = isPlainObject(payload) ? payload : {}
  if (typeof id !== 'string' || !parseStreamId(id)) return 'invalid id'
  if (maxBody === null) return { id, body: null }
  return isBody(body, maxBody) ? { id, body } : 'invalid message'
}

function isBody(body: unknown, maxBody: number): body is string {
  return typeof body === 'string' && body.length > 0 && body.length <= maxBody
}
