import type { Reply as EngineReply } from '@wirestate/engine'

/**
 * What a join or push handler answers: `{ ok: response }` or `{ error: response }`, as
 * Phoenix's `{:ok, response}` / `{:error, response}`. The response goes on the wire as
 * the reply's `response` (`{}` when `ok` is left `undefined`); an `ArrayBuffer` response
 * is sent as a binary reply.
 *
 * @example
 * ```ts
 * server.onPush('room:*', 'new_msg', () => ({ ok: { id: 1 } }))
 * server.onJoin('room:private', () => ({ error: { reason: 'unauthorized' } }))
 * ```
 */
export type Reply = { ok: unknown } | { error: unknown }

/**
 * What a join handler may return: a `Reply`, nothing (an ok join with response `{}`),
 * or `{ noreply: true }` to leave the join unanswered so the client's join times out.
 *
 * @example
 * ```ts
 * server.onJoin('room:slow', () => ({ noreply: true }))
 * ```
 */
export type JoinResult = Reply | { noreply: true } | undefined

/**
 * What a push handler may return: a `Reply`, or nothing, which sends no reply at all
 * (Phoenix's `{:noreply, socket}`), so the client's push times out.
 *
 * @example
 * ```ts
 * server.onPush('room:*', 'typing', () => undefined) // fire and forget
 * ```
 */
export type PushResult = Reply | undefined

/**
 * The engine's reply for a handler's result, `{ status, response }`. A result of any
 * other shape is a mistake in the test, so it throws and is recorded as a handler error.
 *
 * @example
 * ```ts
 * replyPayload({ ok: { id: 1 } }) // { status: 'ok', response: { id: 1 } }
 * ```
 */
export function replyPayload(reply: Reply): EngineReply {
  if (reply !== null && typeof reply === 'object') {
    if ('ok' in reply) return { status: 'ok', response: reply.ok ?? {} }
    if ('error' in reply) return { status: 'error', response: reply.error ?? {} }
  }
  throw new TypeError(
    `a handler must return { ok: response } or { error: response }, got ${describe(reply)}`,
  )
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
