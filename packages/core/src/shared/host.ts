import type { ProtocolAdapter } from '../protocol/adapter.ts'
import { ConnectionHub } from './hub.ts'
import { hubEndpoint } from './hub-endpoint.ts'
import type { HubSettings } from './messages.ts'
import { optionsOf } from './settings.ts'

/**
 * What `hostSharedConnection` needs of a SharedWorker's global scope.
 *
 * @example
 * ```ts
 * hostSharedConnection(self as unknown as SharedWorkerScope)
 * ```
 */
export interface SharedWorkerScope {
  /** The worker's name: the tabs' locks are named after it. */
  readonly name: string
  addEventListener(type: 'connect', listener: (event: MessageEvent) => void): void
}

/**
 * Runs the hub of a shared connection in this SharedWorker: each tab that connects gets
 * its link, and the first one's settings make the hub's connection. The package's own
 * worker module (`@wirestate/core/shared/worker`) does just this; write a module of your
 * own only to give it another protocol adapter (and pass it as `sharedConnection({ worker })`).
 *
 * @example
 * ```ts
 * // my-worker.ts, created with sharedConnection({ worker: (name) => new SharedWorker(new URL('./my-worker.ts', import.meta.url), { type: 'module', name }) })
 * import { hostSharedConnection } from '@wirestate/core/shared/host'
 * import { msgpackAdapter } from './msgpack-adapter'
 *
 * hostSharedConnection(self as never, { protocol: msgpackAdapter })
 * ```
 */
export function hostSharedConnection(
  scope: SharedWorkerScope,
  options: { protocol?: ProtocolAdapter } = {},
): void {
  let hub: ConnectionHub | undefined
  const hubFor = (settings: HubSettings) => {
    const { leaveDelayMs } = settings
    hub ??= new ConnectionHub(optionsOf(settings, options.protocol), { leaveDelayMs, batchMs: 8 })
    return hub
  }
  // A lock held for the worker's life: a tab waiting for it learns that the worker died.
  const lock = `${scope.name}:worker:${crypto.randomUUID()}`
  const held = new Promise<void>((resolve) => {
    const locks = globalThis.navigator?.locks
    if (!locks) return
    void locks.request(lock, () => {
      resolve()
      return new Promise<never>(() => {})
    })
  })
  scope.addEventListener('connect', (event) => {
    const port = event.ports[0] as MessagePort
    const receive = hubEndpoint(scope.name, hubFor, (message) => port.postMessage(message))
    port.onmessage = ({ data }) => receive(data)
    void held.then(() => port.postMessage({ type: 'watch', lock }))
  })
}
