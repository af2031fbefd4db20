import { type ResolvedOptions, resolveOptions } from '../options.ts'
import type { ProtocolAdapter } from '../protocol/adapter.ts'
import type { HubSettings } from './messages.ts'

/**
 * The data part of a tab's options, for the hub it creates: what a function gave is left
 * to the hub's own (`reconnect.random`, a function `rateLimit.onLimit` becomes `'queue'`).
 *
 * @example
 * ```ts
 * port.postMessage({ type: 'attach', tab, settings: settingsOf(options), topics: [] })
 * ```
 */
export function settingsOf(o: ResolvedOptions): HubSettings {
  const { random: _, ...reconnect } = o.reconnect
  const { onLimit, ...rateLimit } = o.rateLimit
  return {
    lazy: o.lazy,
    reauthenticate: o.reauthenticate,
    connectTimeoutMs: o.connectTimeoutMs,
    heartbeatIntervalMs: o.heartbeatIntervalMs,
    heartbeatTimeoutMs: o.heartbeatTimeoutMs,
    pushTimeoutMs: o.pushTimeoutMs,
    bufferSize: o.bufferSize,
    inspectLevel: o.inspectLevel,
    fatalJoinReasons: [...o.fatalJoinReasons],
    reconnect,
    rateLimit: { ...rateLimit, onLimit: typeof onLimit === 'function' ? 'queue' : onLimit },
    leaveDelayMs: o.leaveDelayMs,
  }
}

/**
 * The options of a hub in a worker, from the settings of the tab that created it. The url
 * and params are the hub's to fill (it asks the tabs).
 *
 * @example
 * ```ts
 * new ConnectionHub(optionsOf(settings), { leaveDelayMs: settings.leaveDelayMs })
 * ```
 */
export function optionsOf(settings: HubSettings, protocol?: ProtocolAdapter): ResolvedOptions {
  return resolveOptions({ ...settings, protocol, url: askTheTabs })
}

function askTheTabs(): never {
  throw new Error('wirestate: the hub asks the tabs for the url')
}
