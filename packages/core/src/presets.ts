import type { Preset } from './options.ts'

/**
 * The named presets (after WebsockexNova's profiles), as `createClient({ preset })` takes
 * them. Each is plain data: spread one and change what you need.
 *
 * @example
 * ```ts
 * createClient({ url, preset: { ...presets.realtime, heartbeatIntervalMs: 10_000 } })
 * ```
 */
export interface Presets {
  realtime: Preset
  standard: Preset
  lightweight: Preset
}

/**
 * Three presets for three kinds of app. A preset sits between the options given to
 * `createClient` (which win, key by key) and the protocol adapter's defaults.
 *
 * - `realtime` — live collaboration, games, trading: a dead socket is found in 20 s at
 *   most, reconnects start at 100 ms and never give up, pushes fail fast, bursts of 100.
 * - `standard` — the default, and empty on purpose: the adapter's and the library's
 *   defaults as they are (a full table here would hide a custom adapter's own defaults).
 * - `lightweight` — dashboards, notifications, low-end phones: slow heartbeats, patient
 *   timeouts, a small buffer, no raw frames on the inspect stream, and it gives up after
 *   5 retries (about 31 s) with `disconnected` / `max_retries` until `connect()`.
 *
 * | | `realtime` | `standard` (Phoenix adapter) | `lightweight` |
 * |---|---|---|---|
 * | `reconnect.minDelayMs` / `maxDelayMs` | 100 / 5 000 | 250 / 10 000 | 1 000 / 30 000 |
 * | `reconnect.factor` / `jitter` | 2 / 0.5 | 2 / 0.5 | 2 / 0.5 |
 * | `reconnect.maxRetries` | `Infinity` | `Infinity` | 5 |
 * | `heartbeatIntervalMs` / `heartbeatTimeoutMs` | 15 000 / 5 000 | 30 000 / 30 000 | 45 000 / 30 000 |
 * | `connectTimeoutMs` | 5 000 | 10 000 | 20 000 |
 * | `pushTimeoutMs` | 5 000 | 10 000 | 20 000 |
 * | `bufferSize` | 500 | 1 000 | 100 |
 * | `rateLimit.capacity` / `perSecond` | 100 / 100 | 50 / 50 | 10 / 10 |
 * | `inspectLevel` | `'frames'` | `'frames'` | `'events'` |
 *
 * Heartbeats stay under the 60 s a Phoenix or `@wirestate/server` endpoint waits for a
 * silent client before closing it.
 *
 * @example
 * ```ts
 * import { createClient, presets } from '@wirestate/core'
 *
 * createClient({ url, preset: presets.lightweight, reconnect: { maxRetries: 10 } })
 * ```
 */
export const presets: Presets = {
  realtime: {
    reconnect: {
      minDelayMs: 100,
      maxDelayMs: 5_000,
      factor: 2,
      jitter: 0.5,
      maxRetries: Number.POSITIVE_INFINITY,
    },
    heartbeatIntervalMs: 15_000,
    heartbeatTimeoutMs: 5_000,
    connectTimeoutMs: 5_000,
    pushTimeoutMs: 5_000,
    bufferSize: 500,
    rateLimit: { capacity: 100, perSecond: 100 },
    inspectLevel: 'frames',
  },
  standard: {},
  lightweight: {
    reconnect: { minDelayMs: 1_000, maxDelayMs: 30_000, factor: 2, jitter: 0.5, maxRetries: 5 },
    heartbeatIntervalMs: 45_000,
    heartbeatTimeoutMs: 30_000,
    connectTimeoutMs: 20_000,
    pushTimeoutMs: 20_000,
    bufferSize: 100,
    rateLimit: { capacity: 10, perSecond: 10 },
    inspectLevel: 'events',
  },
}
