import { type Client, createClient } from '@wirestate/core'
import { sharedConnection } from '@wirestate/core/shared'
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
 * Nothing connects until the first channel joins. A user's tabs share one socket (a
 * SharedWorker, or a leader tab on Android); each name has its own, since one socket is
 * one person. `?socket=own` gives the tab a socket of its own (tests that watch the page's
 * WebSocket).
 *
 * @example
 * ```ts
 * const client = createDemoClient('alice', pickServerNode(location))
 * ```
 */
export function createDemoClient(name: string, node: ServerNode): Client {
  const own = new URLSearchParams(globalThis.location?.search).get('socket') === 'own'
  return createClient({
    url: node.url,
    params: { user: name },
    onOnline: networkChanges,
    ...HEARTBEAT,
    connection: own ? undefined : sharedConnection({ name: `wirestate-demo:${node.url}:${name}` }),
  })
}
