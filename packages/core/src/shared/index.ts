import { Connection } from '../connection/connection.ts'
import type { ConnectionFactory } from '../connection/connection-half.ts'
import type { ResolvedOptions } from '../options.ts'
import { phoenixV2 } from '../protocol/phoenix/adapter.ts'
import { TabConnection } from './tab-connection.ts'
import { startWorker } from './worker-link.ts'

export type { ConnectionFactory, ConnectionHalf } from '../connection/connection-half.ts'

/**
 * Options of `sharedConnection()`.
 *
 * @example
 * ```ts
 * sharedConnection({ mode: 'leader', name: 'my-app' })
 * ```
 */
export interface SharedConnectionOptions {
  /**
   * `'auto'` (the default): a SharedWorker where the browser has one, else a leader tab
   * (Android Chrome), else a socket of its own. `'leader'` skips the SharedWorker (tests,
   * or to see the fallback at work); `'worker'` is `'auto'`.
   */
  mode?: 'auto' | 'worker' | 'leader'
  /** Tabs with the same name share a socket. Default: `wirestate:` and the url (if a string). */
  name?: string
  /**
   * Starts the SharedWorker: for a worker module of your own (`hostSharedConnection` of
   * `@wirestate/core/shared/host` with another protocol adapter), or a bundler that needs
   * the URL spelled out.
   */
  worker?: (name: string) => SharedWorker
}

/**
 * A connection shared by every tab of the browser that uses this app (same origin, same
 * `name`): one socket, one join per topic, one presence. Pass it as `createClient`'s
 * `connection`; each tab's client keeps its own atoms, channels and reference counts.
 * The socket lives in a SharedWorker started from the module this package ships, or,
 * where there is no SharedWorker, in a leader tab elected with Web Locks. See the README,
 * "One socket for every tab", for what is shared and what is not.
 *
 * @example
 * ```ts
 * import { createClient } from '@wirestate/core'
 * import { sharedConnection } from '@wirestate/core/shared'
 *
 * const client = createClient({ url, params: () => ({ token: getToken() }), connection: sharedConnection() })
 * ```
 */
export function sharedConnection(
  options: SharedConnectionOptions = {},
): ConnectionFactory<ResolvedOptions> {
  return (o, listener) => {
    // Not a page (a server render): a connection of its own, which opens nothing there.
    const mode = globalThis.window ? modeOf(options.mode ?? 'auto') : undefined
    if (!mode) return new Connection(o, listener)
    const name = options.name ?? `wirestate:${typeof o.url === 'string' ? o.url : 'default'}`
    const tab = new TabConnection(o, listener)
    if (mode === 'leader') lead(tab, name, o)
    else {
      if (!options.worker && o.protocol !== phoenixV2) {
        throw new TypeError(
          'wirestate: the shared worker speaks the built-in protocol; for another adapter, ' +
            'start a worker module of your own calling hostSharedConnection({ protocol }) ' +
            'with sharedConnection({ worker })',
        )
      }
      startWorker(tab, name, o, options.worker, () => lead(tab, name, o))
    }
    return tab
  }
}

/**
 * Follows (or becomes) the leader tab. Loaded when needed: most browsers have a
 * SharedWorker, and the hub and the election stay out of their bundle.
 */
function lead(tab: TabConnection, name: string, o: ResolvedOptions): void {
  import('./leader.ts').then(
    ({ followLeader }) => followLeader(tab, name, o),
    (error) => o.logger.error('wirestate: the leader tab module did not load', error),
  )
}

/** The first way to share that the browser has, from the one asked for. */
function modeOf(mode: 'auto' | 'worker' | 'leader'): 'worker' | 'leader' | undefined {
  if (mode !== 'leader' && typeof SharedWorker === 'function') return 'worker'
  if ('BroadcastChannel' in globalThis && globalThis.navigator?.locks) return 'leader'
  return undefined
}
