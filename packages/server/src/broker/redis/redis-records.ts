import type { RedisClient } from './redis-connection.ts'
import type { RedisKeys } from './redis-keys.ts'
import { RedisScript } from './redis-script.ts'

// Compare and swap in one step: GET, compare, then SET ... PX or DEL. Redis runs a
// script alone, so two nodes swapping the same record cannot interleave. The
// expected and new values are passed with a leading '=' ('' meaning "absent"),
// because a Lua string cannot tell an empty value from a missing one otherwise.
//
// KEYS[1] record; ARGV: expected ('' or '=value'), value ('' or '=value'), ttl ms.
const SWAP = new RedisScript(`
local found = redis.call('GET', KEYS[1])
local actual = found and ('=' .. found) or ''
if actual == ARGV[1] then
  if ARGV[2] == '' then
    redis.call('DEL', KEYS[1])
  else
    redis.call('SET', KEYS[1], string.sub(ARGV[2], 2), 'PX', ARGV[3])
  end
end
return actual
`)

/**
 * Shared records on Redis: one string key per record (`<prefix>record:<key>`),
 * expiring by Redis's own `PX`, swapped by a Lua script.
 *
 * @example
 * ```ts
 * const records = new RedisRecords(redis, new RedisKeys('wirestate:'))
 * await records.swap('claim:c-42', null, 'pending', 30_000) // null: claimed
 * await records.read(['claim:c-42']) // ['pending']
 * ```
 */
export class RedisRecords {
  readonly #redis: RedisClient
  readonly #keys: RedisKeys

  constructor(redis: RedisClient, keys: RedisKeys) {
    this.#redis = redis
    this.#keys = keys
  }

  /** The values of `keys`, `null` for absent (or expired) ones. */
  async read(keys: readonly string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return []
    const names = keys.map((key) => this.#keys.record(key))
    // On a Cluster the records live on different shards, where one MGET cannot reach.
    if ('nodes' in this.#redis) return Promise.all(names.map((name) => this.#redis.get(name)))
    return this.#redis.mget(names)
  }

  /** Replaces the value when it is `expected`; resolves to the value found. */
  async swap(
    key: string,
    expected: string | null,
    value: string | null,
    ttlMs: number,
  ): Promise<string | null> {
    if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
      throw new TypeError(`ttlMs must be a whole number of ms > 0, got ${ttlMs}`)
    }
    const tagged = (text: string | null) => (text === null ? '' : `=${text}`)
    const found = await SWAP.run(
      this.#redis,
      [this.#keys.record(key)],
      [tagged(expected), tagged(value), String(ttlMs)],
    )
    return found === '' ? null : String(found).slice(1)
  }
}
