/**
 * What the client does after the socket closes with a given code:
 * - `stop`: do not reconnect; `$status` becomes `disconnected` with reason `server` and the code
 * - `reauthenticate`: reconnect, telling `url`/`params` to fetch fresh credentials
 * - `slow`: reconnect after the longest backoff delay (the server asked us to back off)
 * - `unauthorized`: the server refused the login; stop with reason `unauthorized` (after one
 *   retry with fresh credentials when the `reauthenticate` option is on)
 * - `retry`: reconnect with the normal backoff
 *
 * @example
 * ```ts
 * const cls: CloseClass = classifyClose(4001) // 'stop'
 * ```
 */
export type CloseClass = 'stop' | 'reauthenticate' | 'slow' | 'unauthorized' | 'retry'

/**
 * The default close-code policy (the `classifyClose` option replaces it).
 *
 * | codes | class | why |
 * |---|---|---|
 * | 1002 1003 1007 1008 1009 1010, 4000–4099 | `stop` | protocol or policy violations and application "go away" codes: retrying repeats the failure |
 * | 4100–4199 | `reauthenticate` | the credentials expired or were revoked |
 * | 1011 1013 1014, 4200–4299 | `slow` | the server is failing or overloaded |
 * | 4401 | `unauthorized` | the server refused the login (`@wirestate/server`, when the client asks for refusals as closes: docs/protocol.md) |
 * | 4400–4499 but 4401 | `stop` | the server refused the connect for another reason (4000 + its HTTP status: 4400 bad request, 4403 origin not allowed) |
 * | anything else (1000 1001 1005 1006 1012 1015 …) | `retry` | normal closes and network failures, as Phoenix does |
 *
 * A refused upgrade answered with HTTP (Phoenix answers 403 to a bad token) reaches the
 * browser as 1006, so it is retried, as phoenix.js does; after 3 such failures in a row the
 * client warns through `logger`.
 *
 * @example
 * ```ts
 * classifyClose(1006) // 'retry'
 * classifyClose(4109) // 'reauthenticate'
 * ```
 */
export function classifyClose(code: number): CloseClass {
  if (code === 4401) return 'unauthorized'
  if (
    [1002, 1003, 1007, 1008, 1009, 1010].includes(code) ||
    (code >= 4000 && code < 4100) ||
    (code >= 4400 && code < 4500)
  ) {
    return 'stop'
  }
  if (code >= 4100 && code < 4200) return 'reauthenticate'
  if ([1011, 1013, 1014].includes(code) || (code >= 4200 && code < 4300)) return 'slow'
  return 'retry'
}
