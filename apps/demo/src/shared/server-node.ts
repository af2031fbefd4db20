/**
 * Which server the page talks to: the page's own origin, where the Vite plugin serves the
 * socket (`npm start`). `scripts/demo-redis.sh` runs two dev servers on one Redis, each a
 * node of the cluster on a port of its own, and names each (`VITE_WIRESTATE_NODE`) for the
 * badge. `VITE_WIRESTATE_URL` points the page at another server instead (the standalone
 * one, `npx wirestate-server`).
 */
export interface ServerNode {
  /** The WebSocket URL (`ws://127.0.0.1:5173/socket/websocket`). */
  readonly url: string
  /** `A`, `B`, ... when the demo runs several nodes; `undefined` with one. */
  readonly label: string | undefined
}

/**
 * The node this page uses.
 *
 * @example
 * ```ts
 * const { url, label } = pickServerNode(location)
 * ```
 */
export function pickServerNode(page: Pick<Location, 'protocol' | 'host'>): ServerNode {
  const env = import.meta.env
  const ownOrigin = `${page.protocol === 'https:' ? 'wss' : 'ws'}://${page.host}/socket/websocket`
  return { url: env.VITE_WIRESTATE_URL || ownOrigin, label: env.VITE_WIRESTATE_NODE || undefined }
}
