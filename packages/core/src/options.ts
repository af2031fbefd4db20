import { checkUrl } from './check-url.ts'
import { type CloseClass, classifyClose } from './close-codes.ts'
import { FATAL_JOIN_REASONS } from './codes.ts'
import type { Command } from './commands.ts'
import type { ConnectionFactory } from './connection/connection-half.ts'
import { type NotifyManager, notifyManager } from './notify.ts'
import { onlineSignal, platformWebSocket, visibleSignal } from './platform.ts'
import type { ProtocolAdapter } from './protocol/adapter.ts'
import { phoenixV2 } from './protocol/phoenix/adapter.ts'

/**
 * Query parameters for the socket URL (e.g. a token); `null` and `undefined` are left out.
 *
 * @example
 * ```ts
 * const params: SocketParams = { token: session.token, user: 7 }
 * ```
 */
export type SocketParams = Record<string, string | number | boolean | null | undefined>

/**
 * What `url` and `params` functions are told before each connect: the attempt number since
 * the last good connection, and whether the server closed with a `reauthenticate` code (so
 * a cached token should be refreshed, not reused).
 *
 * @example
 * ```ts
 * createClient({ url, params: async ({ reauthenticate }) => ({ token: await getToken({ force: reauthenticate }) }) })
 * ```
 */
export interface ConnectContext {
  attempt: number
  reauthenticate: boolean
}

/**
 * Timer functions, injectable so tests can use fake ones.
 *
 * @example
 * ```ts
 * const timers: Timers = { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as number), now: () => Date.now() }
 * ```
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  now(): number
}

/**
 * Where wirestate reports what it cannot throw (a listener that threw, a URL that failed).
 *
 * @example
 * ```ts
 * createClient({ url, logger: { warn: () => {}, error: (...a) => Sentry.captureException(a[1]) } })
 * ```
 */
export interface Logger {
  warn(message: string, ...details: unknown[]): void
  error(message: string, ...details: unknown[]): void
}

/**
 * A WebSocket constructor: the browser's, Node's global one, `ws`, or a fake for tests.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws'
 * createClient({ url, WebSocket: WebSocket as unknown as WebSocketConstructor })
 * ```
 */
export type WebSocketConstructor = new (url: string) => WebSocket

/**
 * Subscribes to an environment signal (came online, became visible); returns an unsubscribe.
 *
 * @example
 * ```ts
 * const onOnline: SignalSource = (cb) => { addEventListener('online', cb); return () => removeEventListener('online', cb) }
 * ```
 */
export type SignalSource = (callback: () => void) => () => void

/**
 * What happens to a command over the rate limit: `queue` waits (in order) until tokens come
 * back, `reject` fails it at once (`rate_limited`), `allow` sends it anyway.
 *
 * @example
 * ```ts
 * createClient({ url, rateLimit: { onLimit: (c) => (c.type === 'PushMessage' && c.event === 'typing' ? 'reject' : 'queue') } })
 * ```
 */
export type RateLimitAction = 'allow' | 'queue' | 'reject'

/**
 * Options of `createClient`. Only `url` is required; see `DEFAULT_OPTIONS` for the rest.
 *
 * @example
 * ```ts
 * const options: ClientOptions = { url: 'wss://example.com/socket/websocket', params: () => ({ token }) }
 * ```
 */
export interface ClientOptions
  extends Partial<Omit<ResolvedOptions, 'url' | 'reconnect' | 'rateLimit' | 'WebSocket'>> {
  url: ResolvedOptions['url']
  reconnect?: Partial<ResolvedOptions['reconnect']>
  rateLimit?: Partial<ResolvedOptions['rateLimit']>
  WebSocket?: WebSocketConstructor
  /** A level of options under these and over the adapter's (`presets.realtime`, ...). */
  preset?: Preset
  /** A socket of its own by default; `sharedConnection()` (`/shared`): one for all tabs. */
  connection?: ConnectionFactory<ResolvedOptions>
}

/**
 * Options to lay between the call's and the protocol adapter's defaults: one of `presets`,
 * or one of your own (plain data: spread one and change what you need). Not `protocol`,
 * which chooses the adapter, the level under this one.
 *
 * @example
 * ```ts
 * const ours: Preset = { ...presets.realtime, heartbeatIntervalMs: 10_000 }
 * createClient({ url, preset: ours })
 * ```
 */
export type Preset = Omit<ClientOptions, 'url' | 'preset' | 'protocol' | 'connection'>

/**
 * Options after resolution: every option has a value.
 *
 * @example
 * ```ts
 * const o: ResolvedOptions = resolveOptions({ url: 'ws://localhost:4000/socket/websocket' })
 * ```
 */
export interface ResolvedOptions {
  /** The WebSocket URL (absolute), or a function giving it before each connect. */
  url: string | ((context: ConnectContext) => string | Promise<string>)
  params: SocketParams | ((context: ConnectContext) => SocketParams | Promise<SocketParams>)
  protocol: ProtocolAdapter
  lazy: boolean
  /**
   * A refused login (close code 4401, docs/protocol.md) is tried once more at once, with
   * `reauthenticate: true` in the `url`/`params` context, before stopping as `unauthorized`.
   */
  reauthenticate: boolean
  /** Backoff of reconnects and of channel rejoins; `random` is there for tests. */
  reconnect: {
    minDelayMs: number
    maxDelayMs: number
    factor: number
    jitter: number
    maxRetries: number
    random: () => number
  }
  connectTimeoutMs: number
  heartbeatIntervalMs: number
  heartbeatTimeoutMs: number
  pushTimeoutMs: number
  /** A channel stays joined this long (ms, on `timers`) after its last subscriber left. */
  leaveDelayMs: number
  bufferSize: number
  /**
   * What the inspect stream carries: `frames`, every command, event and raw frame; `events`,
   * commands and events only (frames are neither measured nor handed to devtools).
   */
  inspectLevel: 'frames' | 'events'
  rateLimit: {
    capacity: number
    perSecond: number
    /** Tokens per command; only `PushMessage` and `JoinChannel` can be limited. */
    costs: Partial<Record<'PushMessage' | 'JoinChannel', number>>
    /** What a command over the limit does (after WebsockexNova's rate-limit handler). */
    onLimit: RateLimitAction | ((command: Command) => RateLimitAction)
  }
  fatalJoinReasons: readonly string[]
  classifyClose: (code: number) => CloseClass
  /** Default: the global one in a page or a worker; none without `window` (server, Node). */
  WebSocket: WebSocketConstructor | undefined
  timers: Timers
  logger: Logger
  onOnline: SignalSource
  onVisible: SignalSource
  /** Where store updates are batched; tests give each client its own (`createNotifyManager`). */
  notify: NotifyManager
}

/**
 * The library's defaults, in one place. Reconnects follow Phoenix and Liveblocks (start
 * fast, cap at 10 s, forever); heartbeat and push timeouts follow phoenix.js (the Phoenix
 * adapter sets them too); the rate limit is Ably's 50 messages a second per connection, and
 * it shapes rather than refuses: a burst waits for tokens in the outbound buffer, which
 * holds 1 000 pushes (phoenix.js has no limit at all).
 *
 * | option | default | meaning |
 * |---|---|---|
 * | `params` | `{}` | socket URL query params, or a function evaluated before every connect |
 * | `protocol` | `phoenixV2` | the wire format |
 * | `lazy` | `true` | connect when the first channel joins; `false`: at `createClient` |
 * | `reauthenticate` | `false` | a refused login (4401) is tried once more with fresh credentials |
 * | `reconnect.minDelayMs` | 250 | first reconnect / rejoin delay |
 * | `reconnect.maxDelayMs` | 10 000 | longest delay (and the delay after a `slow` close code) |
 * | `reconnect.factor` | 2 | growth per attempt |
 * | `reconnect.jitter` | 0.5 | up to this share of each delay is randomly taken off |
 * | `reconnect.maxRetries` | `Infinity` | then stop with reason `max_retries` |
 * | `connectTimeoutMs` | 10 000 | an opening socket that takes longer counts as failed |
 * | `heartbeatIntervalMs` | 30 000 | heartbeat period |
 * | `heartbeatTimeoutMs` | 10 000 (Phoenix adapter: 30 000) | no reply: reconnect |
 * | `pushTimeoutMs` | 10 000 | default push and join timeout |
 * | `leaveDelayMs` | 1 000 | a channel stays joined this long after its last subscriber left |
 * | `bufferSize` | 1 000 | pushes waiting for their channel's join or for rate-limit tokens |
 * | `inspectLevel` | `'frames'` | `'events'`: the inspect stream leaves raw frames out |
 * | `rateLimit` | `{ capacity: 50, perSecond: 50, costs: { PushMessage: 1 }, onLimit: 'queue' }` | token bucket |
 * | `fatalJoinReasons` | `FATAL_JOIN_REASONS` | join refusals that are not retried |
 * | `classifyClose` | `classifyClose` | close code → `stop` / `reauthenticate` / `slow` / `retry` |
 * | `WebSocket` | the global one; none without `window` (a server render, Node) | the constructor |
 * | `timers`, `logger`, `onOnline`, `onVisible` | the platform's | environment |
 * | `notify` | `notifyManager` | where store updates are batched |
 *
 * @example
 * ```ts
 * createClient({ url, pushTimeoutMs: DEFAULT_OPTIONS.pushTimeoutMs * 3 })
 * ```
 */
export const DEFAULT_OPTIONS: Omit<ResolvedOptions, 'url' | 'protocol' | 'WebSocket'> = {
  params: {},
  lazy: true,
  reauthenticate: false,
  reconnect: {
    minDelayMs: 250,
    maxDelayMs: 10_000,
    factor: 2,
    jitter: 0.5,
    maxRetries: Number.POSITIVE_INFINITY,
    random: Math.random,
  },
  connectTimeoutMs: 10_000,
  heartbeatIntervalMs: 30_000,
  heartbeatTimeoutMs: 10_000,
  pushTimeoutMs: 10_000,
  leaveDelayMs: 1_000,
  bufferSize: 1_000,
  inspectLevel: 'frames',
  rateLimit: { capacity: 50, perSecond: 50, costs: { PushMessage: 1 }, onLimit: 'queue' },
  fatalJoinReasons: FATAL_JOIN_REASONS,
  classifyClose,
  // Looked up at call time, so fake timers installed after createClient still apply.
  timers: {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as number),
    now: () => Date.now(),
  },
  logger: console,
  onOnline: onlineSignal,
  onVisible: visibleSignal,
  notify: notifyManager,
}

/**
 * Resolves options in one order, the levels of one table: the options given to
 * `createClient`, over their `preset`, over the protocol adapter's `defaults`, over
 * `DEFAULT_OPTIONS`; `reconnect` and `rateLimit` merge key by key across the levels. An
 * option given as `undefined` (at any level, in a group too) counts as not given. Throws at
 * once, saying the fix, without a `url` or with one that is not an absolute WebSocket URL.
 *
 * @example
 * ```ts
 * resolveOptions({ url }).heartbeatTimeoutMs // 30_000: phoenixV2's default beats the library's
 * resolveOptions({ url, preset: presets.realtime }).heartbeatTimeoutMs // 5_000
 * ```
 */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  if (!options?.url) throw new TypeError('wirestate: createClient needs a url')
  if (typeof options.url === 'string') checkUrl(options.url)
  const { preset, ...call } = options
  if (preset !== undefined && typeof preset !== 'object') {
    throw new TypeError(`wirestate: preset takes an object (presets.realtime), got ${preset}`)
  }
  const protocol = options.protocol ?? phoenixV2
  // Lowest first.
  const levels: Partial<ClientOptions>[] = [DEFAULT_OPTIONS, protocol.defaults, preset ?? {}, call]
  return {
    ...over([{ WebSocket: platformWebSocket() }, ...levels]),
    protocol,
    reconnect: over(levels.map((level) => level.reconnect)),
    rateLimit: over(levels.map((level) => level.rateLimit)),
  } as ResolvedOptions
}

/** Lays levels of options over each other, later over earlier, skipping `undefined` values. */
function over(levels: (object | undefined)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const level of levels) {
    for (const [key, value] of Object.entries(level ?? {}))
      if (value !== undefined) out[key] = value
  }
  return out
}
