import type { Redis } from 'ioredis'
import type { RedisKeys } from './redis-keys.ts'

/**
 * What {@link RedisLiveness} needs from the broker around it.
 *
 * @example
 * ```ts
 * const settings: RedisLivenessSettings = {
 *   redis, keys, nodeId: 'node-1', heartbeatMs: 1000, nodeTtlMs: 3000,
 *   removeNode: (id) => presence.removeNode(id, 'dead'),
 *   restore: () => presence.restore(),
 *   onError: console.warn,
 * }
 * ```
 */
export interface RedisLivenessSettings {
  readonly redis: Redis
  readonly keys: RedisKeys
  readonly nodeId: string
  readonly heartbeatMs: number
  readonly nodeTtlMs: number
  /** Removes a dead node's presence, publishing the leaves. */
  readonly removeNode: (nodeId: string) => Promise<unknown>
  /** Puts back this node's presence after the cluster took it for dead. */
  readonly restore: () => Promise<void>
  readonly onError: (error: unknown) => void
}

/**
 * Node liveness on Redis. Every `heartbeatMs` this node sets its heartbeat key to
 * expire `nodeTtlMs` later, then looks for registered nodes whose key is gone and
 * removes their presence. A node that dies without closing therefore has its
 * members removed at most `nodeTtlMs + heartbeatMs` after it died (plus one sweep's
 * round trips): its key expires within `nodeTtlMs` of its last beat, and a live
 * node sweeps at least every `heartbeatMs`.
 *
 * Ticks are chained (the next starts `heartbeatMs` after one ends), so a slow
 * Redis never piles sweeps up. If this node's own key had expired (a pause longer
 * than `nodeTtlMs`), others may have removed its members: it tracks them again.
 *
 * @example
 * ```ts
 * const liveness = new RedisLiveness(settings)
 * liveness.start()
 * await liveness.stop()
 * ```
 */
export class RedisLiveness {
  readonly #settings: RedisLivenessSettings
  #timer: ReturnType<typeof setTimeout> | null = null
  #tick: Promise<void> = Promise.resolve()
  #beats = 0
  #stopped = false

  constructor(settings: RedisLivenessSettings) {
    this.#settings = settings
  }

  /** Beats at once (commands on the connection queue behind it), then every `heartbeatMs`. */
  start(): void {
    this.#run()
  }

  /** Stops beating and sweeping; resolves once a tick in progress has finished. */
  async stop(): Promise<void> {
    this.#stopped = true
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    await this.#tick
  }

  #run(): void {
    if (this.#stopped) return
    this.#tick = this.#beatAndSweep()
      .catch(this.#settings.onError)
      .finally(() => {
        if (this.#stopped) return
        this.#timer = setTimeout(() => this.#run(), this.#settings.heartbeatMs)
        this.#timer.unref()
      })
  }

  async #beatAndSweep(): Promise<void> {
    await this.#beat()
    if (!this.#stopped) await this.#sweep()
  }

  async #beat(): Promise<void> {
    const { redis, keys, nodeId, nodeTtlMs } = this.#settings
    const replies = await redis
      .multi()
      .set(keys.heartbeat(nodeId), '1', 'PX', nodeTtlMs, 'GET')
      .sadd(keys.nodes(), nodeId)
      .exec()
    const [error, previous] = replies?.[0] ?? [null, null]
    if (error) throw error
    const first = this.#beats++ === 0
    if (previous === null && !first) await this.#settings.restore()
  }

  async #sweep(): Promise<void> {
    const { redis, keys, nodeId } = this.#settings
    const others = (await redis.smembers(keys.nodes())).filter((id) => id !== nodeId)
    if (others.length === 0) return
    const beats = await redis.mget(others.map((id) => keys.heartbeat(id)))
    for (const [i, id] of others.entries()) {
      if (beats[i] !== null || this.#stopped) continue
      await this.#settings.removeNode(id)
      await redis.srem(keys.nodes(), id)
    }
  }
}
