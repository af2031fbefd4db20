import { randomUUID } from 'node:crypto'
import type { RedisOptions } from 'ioredis'

/**
 * Liveness defaults of {@link RedisBroker}: a node that dies without closing has
 * its members removed by the others within `nodeTtlMs + heartbeatMs` = 4 s.
 *
 * @example
 * ```ts
 * const boundMs = REDIS_LIVENESS_DEFAULTS.nodeTtlMs + REDIS_LIVENESS_DEFAULTS.heartbeatMs // 4000
 * ```
 */
export const REDIS_LIVENESS_DEFAULTS: Readonly<{ heartbeatMs: number; nodeTtlMs: number }> = {
  heartbeatMs: 1000,
  nodeTtlMs: 3000,
}

/**
 * Options of {@link RedisBroker.connect}: `url` for one Redis, or `cluster` for
 * a Redis Cluster. A node that dies without `close()` has its presence removed by
 * the others within `nodeTtlMs + heartbeatMs` (4 s by default); see
 * {@link RedisBroker.livenessBoundMs}.
 *
 * @example
 * ```ts
 * const single: RedisBrokerOptions = { url: 'redis://127.0.0.1:6379', prefix: 'chat:' }
 * const cluster: RedisBrokerOptions = { cluster: ['redis://10.0.0.1:7000', 'redis://10.0.0.2:7000'] }
 * ```
 */
export interface RedisBrokerOptions {
  /** `redis://[user:password@]host:port[/db]`: one Redis, 7.0 or later. */
  url?: string
  /**
   * Seed nodes of a Redis Cluster (7.0 or later), as `redis://[user:password@]host:port`
   * URLs: a few masters are enough, the others are discovered. Instead of `url`.
   */
  cluster?: readonly string[]
  /** Starts every key and channel name; no `{` or `}`. Default `'wirestate:'`. */
  prefix?: string
  /** Unique among live nodes; a random UUID by default. No newlines. */
  nodeId?: string
  /** How often this node refreshes its heartbeat and sweeps dead nodes. Default 1000 ms. */
  heartbeatMs?: number
  /** How long a heartbeat lives; longer than `heartbeatMs`. Default 3000 ms. */
  nodeTtlMs?: number
  /**
   * How often each subscribed topic checks the stream head against what it
   * delivered (one `HMGET` per topic), to catch a lost publish nothing else
   * revealed. Default 5000 ms.
   */
  auditMs?: number
  /** Extra ioredis options for every connection (TLS, timeouts, ...). */
  redisOptions?: RedisOptions
  /** Background failures (a sweep that could not reach Redis, a bad message). Default `console.warn`. */
  onError?: (error: unknown) => void
}

/**
 * {@link RedisBrokerOptions} with every default filled in and checked.
 *
 * @example
 * ```ts
 * const settings: RedisBrokerSettings = resolveSettings({ url: 'redis://127.0.0.1:6379' })
 * ```
 */
export type RedisBrokerSettings = Required<
  Pick<RedisBrokerOptions, 'heartbeatMs' | 'nodeTtlMs' | 'auditMs' | 'nodeId'>
> &
  RedisBrokerOptions

/**
 * Fills in the defaults and refuses settings that cannot work, saying why.
 *
 * @example
 * ```ts
 * resolveSettings({ url, heartbeatMs: 500 }).nodeTtlMs // 3000
 * ```
 */
export function resolveSettings(options: RedisBrokerOptions): RedisBrokerSettings {
  const heartbeatMs = options.heartbeatMs ?? REDIS_LIVENESS_DEFAULTS.heartbeatMs
  const nodeTtlMs = options.nodeTtlMs ?? REDIS_LIVENESS_DEFAULTS.nodeTtlMs
  const auditMs = options.auditMs ?? 5000
  const nodeId = options.nodeId ?? randomUUID()
  if (nodeId.includes('\n')) throw new TypeError('nodeId must not contain a newline')
  if (!(heartbeatMs > 0 && nodeTtlMs > heartbeatMs)) {
    throw new TypeError(`need 0 < heartbeatMs < nodeTtlMs, got ${heartbeatMs} and ${nodeTtlMs}`)
  }
  if (!(auditMs > 0)) throw new TypeError(`auditMs must be > 0, got ${auditMs}`)
  return { ...options, heartbeatMs, nodeTtlMs, auditMs, nodeId }
}
