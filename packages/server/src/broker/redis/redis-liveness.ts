import type { RedisClient } from './redis-connection.ts'
import type { RedisKeys } from './redis-keys.ts'
import { RedisScript } from './redis-script.ts'

// KEYS: heartbeat, generation. ARGV: ttl ms, a candidate generation, "fresh" to
// start a generation whatever is stored. Beats; keeps the stored generation if
// the node was alive all along, else stores the candidate. Returns
// {1 if kept, generation}.
const BEAT = new RedisScript(`
local was = redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'GET')
local gen = redis.call('GET', KEYS[2])
if was and gen and ARGV[3] ~= 'fresh' then return {1, gen} end
redis.call('SET', KEYS[2], ARGV[2])
return {0, ARGV[2]}
`)

// KEYS: heartbeat, generation. Nil while the node beats; else its generation,
// read in the same step, so that a node coming back afterwards has a newer one.
const DEAD_GENERATION = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
return redis.call('GET', KEYS[2]) or '0'
`)

/**
 * What {@link RedisLiveness} needs from the broker around it.
 *
 * @example
 * ```ts
 * const settings: RedisLivenessSettings = {
 *   redis, keys, nodeId: 'node-1', heartbeatMs: 1000, nodeTtlMs: 3000,
 *   removeNode: (id, gen) => presence.removeNode(id, gen),
 *   renewed: (gen) => presence.restore(),
 *   maintain: () => presence.retryRemovals(),
 *   onError: console.warn,
 * }
 * ```
 */
export interface RedisLivenessSettings {
  readonly redis: RedisClient
  readonly keys: RedisKeys
  readonly nodeId: string
  readonly heartbeatMs: number
  readonly nodeTtlMs: number
  /** Removes a dead node's presence up to generation `newest`, publishing the leaves. */
  readonly removeNode: (nodeId: string, newest: number) => Promise<unknown>
  /**
   * This node's heartbeat had vanished (it was taken for dead, or Redis lost its
   * keys): it now beats under generation `gen` and must put back what it owns.
   */
  readonly renewed: (gen: number) => Promise<void>
  /** More work for every tick, after the beat (retries, audits, checks). */
  readonly maintain: () => Promise<void>
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
 * Generations keep a sweep and a comeback from undoing each other: a sweeper reads
 * a dead node's generation in the same step as it sees the heartbeat gone, and
 * removes only entries of that generation or older; a node that finds its own
 * heartbeat gone (a pause longer than `nodeTtlMs`, or Redis restarted or emptied)
 * starts a newer generation and writes its entries again under it. A beat that
 * does not answer within `nodeTtlMs` drops the connection, so ioredis reconnects
 * (and sends unanswered commands again) instead of waiting on a dead link.
 *
 * Ticks are chained (the next starts `heartbeatMs` after one ends), so a slow
 * Redis never piles sweeps up.
 *
 * @example
 * ```ts
 * const liveness = new RedisLiveness(settings)
 * await liveness.start() // the first beat; its generation is `liveness.generation`
 * await liveness.stop()
 * ```
 */
export class RedisLiveness {
  readonly #settings: RedisLivenessSettings
  #timer: ReturnType<typeof setTimeout> | null = null
  #tick: Promise<void> = Promise.resolve()
  #generation = 0
  #stopped = false

  constructor(settings: RedisLivenessSettings) {
    this.#settings = settings
  }

  /** The generation this node's entries are written under. */
  get generation(): number {
    return this.#generation
  }

  /** Beats once under a fresh generation, then keeps beating every `heartbeatMs`. */
  async start(): Promise<void> {
    await this.#beat('fresh')
    this.#schedule()
  }

  /** Stops beating and sweeping; resolves once a tick in progress has finished. */
  async stop(): Promise<void> {
    this.#stopped = true
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    await this.#tick
  }

  #schedule(): void {
    if (this.#stopped) return
    this.#timer = setTimeout(() => this.#run(), this.#settings.heartbeatMs)
    this.#timer.unref()
  }

  #run(): void {
    if (this.#stopped) return
    this.#tick = this.#beatAndSweep()
      .catch(this.#settings.onError)
      .finally(() => this.#schedule())
  }

  async #beatAndSweep(): Promise<void> {
    await this.#beat('keep')
    if (this.#stopped) return
    await this.#sweep()
    await this.#settings.maintain()
  }

  async #beat(mode: 'fresh' | 'keep'): Promise<void> {
    const { redis, keys, nodeId, nodeTtlMs } = this.#settings
    const candidate = Math.max(Date.now(), this.#generation + 1)
    const keys2 = [keys.heartbeat(nodeId), keys.generation(nodeId)]
    const args = [String(nodeTtlMs), String(candidate), mode]
    const [kept, gen] = (await withDeadline(BEAT.run(redis, keys2, args), nodeTtlMs, () =>
      redis.disconnect(true),
    )) as [number, string]
    await redis.sadd(keys.nodes(), nodeId)
    const previous = this.#generation
    this.#generation = Number(gen)
    if (kept === 0 && mode === 'keep' && previous !== 0) await this.#settings.renewed(Number(gen))
  }

  async #sweep(): Promise<void> {
    const { redis, keys, nodeId } = this.#settings
    const others = (await redis.smembers(keys.nodes())).filter((id) => id !== nodeId)
    for (const id of others) {
      if (this.#stopped) return
      const dead = await DEAD_GENERATION.run(redis, [keys.heartbeat(id), keys.generation(id)], [])
      if (dead === null) continue
      await this.#settings.removeNode(id, Number(dead))
      await redis.srem(keys.nodes(), id)
    }
  }
}

// Rejects (and runs `onLate`) if `work` has not settled within `ms`.
async function withDeadline<T>(work: Promise<T>, ms: number, onLate: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onLate()
      reject(new Error(`Redis did not answer a heartbeat within ${ms} ms; reconnecting`))
    }, ms)
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}
