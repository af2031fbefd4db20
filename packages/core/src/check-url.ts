/**
 * Throws, saying the fix, for a URL the client can never connect to (relative, or `http:`):
 * it fails here, once, at `createClient`, rather than on every attempt.
 *
 * @example
 * ```ts
 * checkUrl('https://example.com/socket') // throws: use wss:// instead of https://
 * ```
 */
export function checkUrl(url: string): void {
  let protocol: string | undefined
  try {
    protocol = new URL(url).protocol
  } catch {}
  if (protocol === 'ws:' || protocol === 'wss:') return
  const hint =
    protocol === 'http:' || protocol === 'https:'
      ? `use ${protocol === 'https:' ? 'wss' : 'ws'}:// instead of ${protocol}//`
      : "in a browser: location.origin.replace(/^http/, 'ws') + '/socket/websocket'"
  throw new TypeError(
    `wirestate: url must be an absolute WebSocket URL (wss://host/path), got ${JSON.stringify(url)}; ${hint}`,
  )
}
