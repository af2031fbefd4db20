/**
 * Why a push failed. The one list of push failure codes:
 * - `error`: the server replied with an error (`PushError.reason` / `.response` say what)
 * - `timeout`: no reply within the push's timeout (also when it could not be sent in time)
 * - `channel_closed`: the channel was not joined, was left, or closed or crashed before the reply
 * - `join_refused`: the channel's join was refused for good; `PushError.reason` / `.response`
 *   are the refusal's
 * - `rate_limited`: the rate limit refused it (only with `rateLimit.onLimit: 'reject'`);
 *   nothing was sent
 * - `buffer_full`: the outbound buffer was full; nothing was sent
 * - `invalid_payload`: the payload holds a string that is not well-formed UTF-16 (a lone
 *   surrogate), which a Phoenix server answers by closing the whole socket; nothing was sent
 *
 * @example
 * ```ts
 * try { await channel.push('new_msg', { body }) }
 * catch (e) { if (e instanceof PushError && e.code === 'buffer_full') showSlowDown() }
 * ```
 */
export type PushErrorCode =
  | 'error'
  | 'timeout'
  | 'channel_closed'
  | 'join_refused'
  | 'rate_limited'
  | 'buffer_full'
  | 'invalid_payload'

/**
 * Why waiting on a channel failed (`ChannelError.code`): `refused` (the join was refused for
 * good), `timeout` (the wait's own timeout), `closed` (the channel or the client stopped).
 *
 * @example
 * ```ts
 * const retryable = (code: ChannelErrorCode) => code !== 'refused'
 * ```
 */
export type ChannelErrorCode = 'refused' | 'timeout' | 'closed'

/**
 * Why a client stopped (`$status` is `disconnected`): `client` called `disconnect()`,
 * `server` closed the socket with a code of the `stop` class, `unauthorized` the server
 * refused the login (close code 4401), `max_retries` ran out of reconnect attempts.
 *
 * @example
 * ```ts
 * const s = client.$status.get()
 * if (s.status === 'disconnected' && s.reason === 'unauthorized') showLogin()
 * ```
 */
export type StopReason = 'client' | 'server' | 'unauthorized' | 'max_retries'

/**
 * Join refusal reasons that retrying cannot fix, so the channel stays `errored`
 * instead of rejoining with backoff (the `fatalJoinReasons` option replaces the list).
 * `unmatched topic` is what Phoenix answers for a topic no channel handles.
 * Reasons the client makes up itself: `timeout` (no join reply), `error` (the server
 * channel crashed, `phx_error`); neither is fatal.
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
