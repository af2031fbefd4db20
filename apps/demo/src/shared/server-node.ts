/**
 * Which server the page talks to. `npm start` runs one (`VITE_WIRESTATE_URL`);
 * `scripts/demo-redis.sh` runs two nodes on one Redis (`VITE_WIRESTATE_URLS`, comma
 * separated), and each page picks one: `?node=a` / `?node=b`, or else the next one in
 * turn (a counter in localStorage), so two tabs opened one after the other land on
 * different nodes.
 */
export interface ServerNode {
  /** The WebSocket URL (`ws://127.0.0.1:4000/socket/websocket`). */
  readonly url: string
  /** `A`, `B`, ... when there are several nodes; `undefined` with one. */
  readonly label: string | undefined
}

const COUNTER_KEY = 'wirestate-demo:next-node'

function configuredUrls(): string[] {
  const env = import.meta.env
  const list = (env.VITE_WIRESTATE_URLS ?? env.VITE_WIRESTATE_URL ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
  return list.length > 0 ? list : [`ws://${location.hostname}:4000/socket/websocket`]
}

function nextInTurn(count: number): number {
  const turn = Number(localStorage.getItem(COUNTER_KEY)) || 0
  localStorage.setItem(COUNTER_KEY, String(turn + 1))
  return turn % count
}

/**
 * The node this page uses, chosen once per page load.
 *
 * @example
 * ```ts
 * const { url, label } = pickServerNode(new URLSearchParams(location.search))
 * ```
 */
export function pickServerNode(query: URLSearchParams): ServerNode {
  const urls = configuredUrls()
  if (urls.length === 1) return { url: urls[0] as string, label: undefined }
  const asked = (query.get('node') ?? '').toUpperCase()
  const askedIndex = asked.length === 1 ? asked.charCodeAt(0) - 65 : -1
  const index = askedIndex >= 0 && askedIndex < urls.length ? askedIndex : nextInTurn(urls.length)
  return { url: urls[index] as string, label: String.fromCharCode(65 + index) }
}
