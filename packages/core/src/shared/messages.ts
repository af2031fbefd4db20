// What a tab and the hub holding the shared socket say to each other, over a
// MessagePort (SharedWorker, or the leader tab's own) or a BroadcastChannel (the
// leader's followers). Only structured-cloneable data: the tabs' functions (url and
// params providers, the logger, the timers) stay in the tabs.
import type { CommandInit } from '../commands.ts'
import type { PushInit, PushOutcome } from '../connection/push.ts'
import type { EventInit } from '../events.ts'
import type { InspectEntry } from '../inspector.ts'
import type { ConnectContext, ResolvedOptions, SocketParams } from '../options.ts'

/**
 * A command other than a push, as a tab sends it to the hub.
 *
 * @example
 * ```ts
 * const join: SocketCommand = { type: 'JoinChannel', topic: 'room:1', payload: {} }
 * ```
 */
export type SocketCommand = Exclude<CommandInit, { type: 'PushMessage' }>

/**
 * The options of the hub's connection: the data part of the options of the tab that
 * created the hub (functions do not cross to a worker; the hub uses its own timers and
 * logger, asks the tabs for `url` and `params`, and speaks the built-in protocol).
 *
 * @example
 * ```ts
 * const settings: HubSettings = settingsOf(resolveOptions({ url }))
 * ```
 */
export interface HubSettings
  extends Pick<
    ResolvedOptions,
    | 'lazy'
    | 'reauthenticate'
    | 'connectTimeoutMs'
    | 'heartbeatIntervalMs'
    | 'heartbeatTimeoutMs'
    | 'pushTimeoutMs'
    | 'bufferSize'
    | 'inspectLevel'
    | 'fatalJoinReasons'
    | 'leaveDelayMs'
  > {
  reconnect: Omit<ResolvedOptions['reconnect'], 'random'>
  rateLimit: Omit<ResolvedOptions['rateLimit'], 'onLimit'> & {
    onLimit: Exclude<ResolvedOptions['rateLimit']['onLimit'], (...args: never[]) => unknown>
  }
}

/**
 * Tab → hub.
 *
 * - `attach`: a tab arrives (or comes to a new leader) with the topics it holds and, for
 *   stream topics, the last id it has, so a rejoin resumes from the oldest of them
 * - `command` / `push`: the tab's commands; a push's outcome comes back as `settled`
 * - `frames`: the tab inspects, send it the raw frames (or stop)
 * - `provided`: the answer to `provide` (the tab's url and params for the next connect)
 * - `detach`: the tab is going away (`pagehide`)
 * - `pong`: the answer to `ping`, where Web Locks cannot tell that a tab is gone
 *
 * @example
 * ```ts
 * port.postMessage({ type: 'command', command: { type: 'OpenSocket' } } satisfies TabMessage)
 * ```
 */
export type TabMessage =
  | {
      type: 'attach'
      tab: string
      settings: HubSettings
      topics: Array<[topic: string, lastId: string | undefined]>
    }
  | { type: 'command'; command: SocketCommand }
  | { type: 'push'; pushId: number; init: PushInit }
  | { type: 'frames'; on: boolean }
  | { type: 'provided'; request: number; url?: string; params?: SocketParams; error?: string }
  | { type: 'detach' }
  | { type: 'pong' }

/**
 * One thing the hub tells a tab, in order: an event of the shared connection that
 * concerns this tab, the outcome of one of its pushes, or a raw frame (when inspecting).
 *
 * @example
 * ```ts
 * const item: HubItem = { kind: 'settled', pushId: 3, outcome: 'ok', response: { id: '1-0' } }
 * ```
 */
export type HubItem =
  | { kind: 'event'; event: EventInit }
  | {
      kind: 'settled'
      pushId: number
      outcome: PushOutcome
      response?: unknown
      reason?: string
    }
  | Extract<InspectEntry, { kind: 'frame' }>

/**
 * Hub → tab: what happened (`items`, in order, a batch per message), a request for the url and params
 * of the next connect (`provide`), a liveness check (`ping`), or (from a SharedWorker) the
 * name of the Web Lock it holds for its life (`watch`).
 *
 * @example
 * ```ts
 * port.onmessage = ({ data }: MessageEvent<HubMessage>) => data.type === 'items' && apply(data.items)
 * ```
 */
export type HubMessage =
  | { type: 'items'; items: HubItem[] }
  | { type: 'provide'; request: number; context: ConnectContext }
  | { type: 'ping' }
  | { type: 'watch'; lock: string }
