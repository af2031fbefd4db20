/**
 * A reply to a client's join or push: `phx_reply` with a status and a response.
 * A response that is an `ArrayBuffer` goes out as a v2 binary reply.
 *
 * @example
 * ```ts
 * const reply: Reply = replyOk({ id: 1 })
 * ```
 */
export interface Reply {
  readonly status: 'ok' | 'error'
  readonly response: unknown
}

/**
 * An ok reply (`{"status":"ok","response":…}`); the response defaults to `{}`.
 *
 * @example
 * ```ts
 * join: (topic) => replyOk({ joined: topic })
 * ```
 */
export function replyOk(response: unknown = {}): Reply {
  return { status: 'ok', response }
}

/**
 * An error reply (`{"status":"error","response":…}`): for a join, a refusal.
 *
 * @example
 * ```ts
 * join: (topic) => (topic === 'room:private' ? replyError({ reason: 'unauthorized' }) : replyOk())
 * ```
 */
export function replyError(response: unknown): Reply {
  return { status: 'error', response }
}

/**
 * Whether a handler's return value is a {@link Reply} (anything else means no reply).
 *
 * @example
 * ```ts
 * if (isReply(result)) send(result)
 * ```
 */
export function isReply(value: unknown): value is Reply {
  const status = (value as { status?: unknown } | null)?.status
  return (status === 'ok' || status === 'error') && 'response' in (value as object)
}
