import { type Client, createClient } from '@wirestate/core'
import { networkChanges } from './network-changes.ts'
import type { ServerNode } from './server-node.ts'

/**
 * How often the demo checks its socket: a heartbeat every 5 s, answered within 3 s
 * (the library's defaults are 30 s and 30 s). A network that dies without closing the
 * socket (a half-open connection: Wi-Fi gone, a laptop lid, Chromium's offline mode)
 * shows as `reconnecting` within seconds, and the offline event checks at once.
 */
const HEARTBEAT = { heartbeatIntervalMs: 5_000, heartbeatTimeoutMs: 3_000 }

/**
 * The demo's client for one user: the demo server takes any `user` name (no password).
 * Nothing connects until the first channel joins.
 *
 * @example
 * ```ts
 * const client = createDemoClient('alice', pickServerNode(location))
 * ```
 */
export function createDemoClient(name: string, node: ServerNode): Client {
  return createClient({
    url: node.url,
    params: { user: name },
    onOnline: networkChanges,
    ...HEARTBEAT,
  })
}
