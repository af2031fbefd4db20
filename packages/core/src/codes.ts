/**
 * Why a push failed. The one list of push failure codes:
 * - `error`: the server replied with an error (its response is on `PushError.response`)
 * - `timeout`: no reply within the push's timeout (also when it was never sent)
 * - `channel_closed`: the channel was not joined, was left, or closed or crashed before the reply
 * - `rate_limited`: the client's own rate limit refused the push; nothing was sent
 * - `buffer_full`: the outbound buffer for not-yet-joined channels was full; nothing was sent
 *
 * @example
 * ```ts
 * try { await channel.push('new_msg', { body }) }
 * catch (e) { if (e instanceof PushError && e.code === 'rate_limited') showSlowDown() }
 * ```
 */
export type PushErrorCode = 'error' | 'timeout' | 'channel_closed' | 'rate_limited' | 'buffer_full'

/**
 * Why a client stopped (`$status` is `disconnected`): `client` called `disconnect()`,
 * `server` closed the socket with a code of the `stop` class, `max_retries` ran out of
 * reconnect attempts.
 *
 * @example
 * ```ts
 * const s = client.$status.get()
 * if (s.status === 'disconnected' && s.reason === 'server') console.warn('closed', s.code)
 * ```
 */
export type StopReason = 'client' | 'server' | 'max_retries'

/**
 * Join refusal reasons that retrying cannot fix, so the channel stays `errored`
 * instead of rejoining with backoff (the `fatalJoinReasons` option replaces the list).
 * `unmatched topic` is what Phoenix answers for a topic no channel handles.
 * Reasons the client makes up itself: `timeout` (no join reply), `error` (the server
 * channel crashed, `phx_error`), `rate_limited`; none of them is fatal.
 *
 * @example
 * ```ts
 * createClient({ url, fatalJoinReasons: [...FATAL_JOIN_REASONS, 'banned'] })
 * ```
 */
export const FATAL_JOIN_REASONS: readonly string[] = [
  'unauthorized',
  'forbidden',
  'unmatched topic',
]
