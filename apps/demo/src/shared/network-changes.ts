import type { SignalSource } from '@wirestate/core'

/**
 * The signal the client checks its socket on: the browser's `online` and `offline`
 * events. Core listens to `online` by default (reconnect at once); the demo adds
 * `offline`, so a socket that went quiet with the network is found by one heartbeat
 * round (`heartbeatTimeoutMs`) instead of waiting for the next scheduled beat.
 *
 * @example
 * ```ts
 * createClient({ url, onOnline: networkChanges })
 * ```
 */
export const networkChanges: SignalSource = (callback) => {
  addEventListener('online', callback)
  addEventListener('offline', callback)
  return () => {
    removeEventListener('online', callback)
    removeEventListener('offline', callback)
  }
}
