import { createHash } from 'node:crypto'
import type { RedisClient } from './redis-connection.ts'

/**
 * A Lua script the broker runs atomically on Redis. It is sent by hash
 * (`EVALSHA`) and only sent whole when Redis answers `NOSCRIPT` (first use, or
 * after a Redis restart flushed its script cache; on a Cluster, per shard).
 *
 * Scripts are how the broker keeps its promises across nodes: a write and the
 * `SPUBLISH` announcing it happen in one step, so the order subscribers see is the
 * order Redis applied the writes, and no other node can interleave. Every key a
 * script touches shares one hash tag, so it also runs on a Redis Cluster.
 *
 * @example
 * ```ts
 * const hello = new RedisScript("return 'hi ' .. ARGV[1]")
 * await hello.run(redis, ['{room:1}:head'], ['there']) // 'hi there'
 * ```
 */
export class RedisScript {
  readonly #lua: string
  readonly #sha: string

  constructor(lua: string) {
    this.#lua = lua
    this.#sha = createHash('sha1').update(lua).digest('hex')
  }

  /** Runs the script with `keys` as `KEYS` and `args` as `ARGV`. */
  async run(
    redis: RedisClient,
    keys: readonly string[],
    args: readonly string[],
  ): Promise<unknown> {
    try {
      return await redis.evalsha(this.#sha, keys.length, ...keys, ...args)
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error
      return await redis.eval(this.#lua, keys.length, ...keys, ...args)
    }
  }
}
