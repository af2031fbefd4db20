import { randomUUID } from 'node:crypto'
import type {
  Broker,
  HistoryPage,
  OutgoingMessage,
  PresenceEntry,
  PresenceState,
  SinceResult,
  StreamEntry,
  StreamRetention,
  Subscription,
  TopicListener,
} from '@wirestate/engine'
import { Redis, type RedisOptions } from 'ioredis'
import { RedisKeys } from './redis-keys.ts'
import { RedisLiveness } from './redis-liveness.ts'
import { RedisPresence } from './redis-presence.ts'
import { RedisRecords } from './redis-records.ts'
import { RedisStreams } from './redis-streams.ts'
import { RedisSubscriber } from './redis-subscriber.ts'

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
 * Options of {@link RedisBroker.connect}. A node that dies without `close()` has
 * its presence removed by the others within `nodeTtlMs + heartbeatMs` (4 s by
 * default); see {@link RedisBroker.livenessBoundMs}.
 *
 * @example
 * ```ts
 * const options: RedisBrokerOptions = { url: 'redis://127.0.0.1:6379', prefix: 'chat:' }
 * ```
 */
export interface RedisBrokerOptions {
  /** `redis://[user:password@]host:port[/db]`. Redis 7.0 or later, not Redis Cluster. */
  url: string
  /** Starts every key and channel name. Default `'wirestate:'`. */
  prefix?: string
  /** Unique among live nodes; a random UUID by default. No newlines. */
  nodeId?: string
  /** How often this node refreshes its heartbeat and sweeps dead nodes. Default 1000 ms. */
  heartbeatMs?: number
  /** How long a heartbeat lives; longer than `heartbeatMs`. Default 3000 ms. */
  nodeTtlMs?: number
  /** Extra ioredis options for both connections (TLS, timeouts, ...). */
  redisOptions?: RedisOptions
  /** Background failures (a sweep that could not reach Redis, a bad message). Default `console.warn`. */
  onError?: (error: unknown) => void
}

/**
 * The broker for more than one node: every node connects to the same Redis.
 * Pub/sub carries the fan-out, streams keep history, hashes keep presence,
 * heartbeat keys with a TTL tell live nodes from dead ones, and plain keys hold
 * the features' shared records. Each node holds two
 * connections: one for commands and scripts, one subscribed to its topics' channels.
 * There is no blocking read: appends are published by the script that stores them.
 *
 * @example
 * ```ts
 * const broker = await RedisBroker.connect({ url: 'redis://127.0.0.1:6379' })
 * await broker.append('room:1', { event: 'new_msg', payload: { body: 'hi' }, from: null }, { maxLength: 1000 })
 * await broker.close()
 * ```
 */
export class RedisBroker implements Broker {
  readonly nodeId: string
  /** A crashed node's presence is gone from the others within this many ms. */
  readonly livenessBoundMs: number
  readonly #keys: RedisKeys
  readonly #commands: Redis
  readonly #subscriberConnection: Redis
  readonly #subscriber: RedisSubscriber
  readonly #streams: RedisStreams
  readonly #presence: RedisPresence
  readonly #records: RedisRecords
  readonly #liveness: RedisLiveness
  #closing: Promise<void> | null = null

  /**
   * Connects both connections, checks the Redis version, clears what an earlier
   * process with the same `nodeId` left behind, and starts beating.
   */
  static async connect(options: RedisBrokerOptions): Promise<RedisBroker> {
    const heartbeatMs = options.heartbeatMs ?? REDIS_LIVENESS_DEFAULTS.heartbeatMs
    const nodeTtlMs = options.nodeTtlMs ?? REDIS_LIVENESS_DEFAULTS.nodeTtlMs
    const nodeId = options.nodeId ?? randomUUID()
    if (nodeId.includes('\n')) throw new TypeError('nodeId must not contain a newline')
    if (!(heartbeatMs > 0 && nodeTtlMs > heartbeatMs)) {
      throw new TypeError(`need 0 < heartbeatMs < nodeTtlMs, got ${heartbeatMs} and ${nodeTtlMs}`)
    }
    const [commands, subscriber] = await openConnections(options)
    const settings = { ...options, heartbeatMs, nodeTtlMs, nodeId }
    const broker = new RedisBroker(commands, subscriber, settings)
    try {
      await broker.#presence.removeNode(nodeId, 'closing')
    } catch (error) {
      await broker.abandon()
      throw error
    }
    broker.#liveness.start()
    return broker
  }

  private constructor(
    commands: Redis,
    subscriber: Redis,
    options: RedisBrokerOptions & { heartbeatMs: number; nodeTtlMs: number; nodeId: string },
  ) {
    const keys = new RedisKeys(options.prefix ?? 'wirestate:')
    const onError = options.onError ?? ((error) => console.warn('[wirestate] redis broker:', error))
    this.nodeId = options.nodeId
    this.livenessBoundMs = options.nodeTtlMs + options.heartbeatMs
    this.#keys = keys
    this.#commands = commands
    this.#subscriberConnection = subscriber
    this.#subscriber = new RedisSubscriber(subscriber, keys, onError)
    this.#streams = new RedisStreams(commands, keys)
    this.#presence = new RedisPresence(commands, keys, this.nodeId)
    this.#records = new RedisRecords(commands, keys)
    this.#liveness = new RedisLiveness({
      redis: commands,
      keys,
      nodeId: this.nodeId,
      heartbeatMs: options.heartbeatMs,
      nodeTtlMs: options.nodeTtlMs,
      removeNode: (id) => this.#presence.removeNode(id, 'dead'),
      restore: () => this.#presence.restore(),
      onError,
    })
    // Connection errors are retried by ioredis; without a listener it would also throw them.
    for (const redis of [commands, subscriber]) redis.on('error', onError)
  }

  async subscribe(topic: string, listener: TopicListener): Promise<Subscription> {
    this.#assertOpen()
    return this.#subscriber.subscribe(topic, listener)
  }

  async publish(topic: string, message: OutgoingMessage): Promise<void> {
    this.#assertOpen()
    const { event, payload, from } = message
    const envelope = JSON.stringify({ type: 'message', event, payload, from, id: null })
    await this.#commands.publish(this.#keys.channel(topic), envelope)
  }

  async append(
    topic: string,
    message: OutgoingMessage,
    retention: StreamRetention,
  ): Promise<StreamEntry> {
    this.#assertOpen()
    return this.#streams.append(topic, message, retention)
  }

  async readSince(topic: string, sinceId: string): Promise<SinceResult> {
    this.#assertOpen()
    return this.#streams.readSince(topic, sinceId)
  }

  async readBefore(topic: string, beforeId: string | null, limit: number): Promise<HistoryPage> {
    this.#assertOpen()
    return this.#streams.readBefore(topic, beforeId, limit)
  }

  async track(topic: string, entry: PresenceEntry): Promise<void> {
    this.#assertOpen()
    await this.#presence.track(topic, entry)
  }

  async updatePresence(topic: string, ref: string, next: PresenceEntry): Promise<boolean> {
    this.#assertOpen()
    return this.#presence.update(topic, ref, next)
  }

  async untrack(topic: string, ref: string): Promise<void> {
    this.#assertOpen()
    await this.#presence.untrack(topic, ref)
  }

  async listPresence(topic: string): Promise<PresenceState> {
    this.#assertOpen()
    return this.#presence.list(topic)
  }

  async readRecords(keys: readonly string[]): Promise<(string | null)[]> {
    this.#assertOpen()
    return this.#records.read(keys)
  }

  async swapRecord(
    key: string,
    expected: string | null,
    value: string | null,
    ttlMs: number,
  ): Promise<string | null> {
    this.#assertOpen()
    return this.#records.swap(key, expected, value, ttlMs)
  }

  close(): Promise<void> {
    this.#closing ??= this.#leave()
    return this.#closing
  }

  /**
   * Stops this node as a crashed process would: connections dropped, no goodbye,
   * its presence stays until another node's sweep removes it. For liveness tests.
   *
   * @example
   * ```ts
   * await nodeA.abandon() // nodeB removes nodeA's presence within nodeA.livenessBoundMs
   * ```
   */
  async abandon(): Promise<void> {
    this.#closing ??= this.#drop()
    await this.#closing
  }

  async #leave(): Promise<void> {
    this.#subscriber.clear()
    await this.#liveness.stop()
    try {
      await this.#presence.removeNode(this.nodeId, 'closing')
      await this.#commands
        .multi()
        .del(this.#keys.heartbeat(this.nodeId))
        .srem(this.#keys.nodes(), this.nodeId)
        .exec()
      await Promise.all([this.#commands.quit(), this.#subscriberConnection.quit()])
    } catch (error) {
      // Redis is gone: the others' sweep removes our members once the heartbeat
      // expires. Drop the connections so the process can still exit.
      this.#commands.disconnect()
      this.#subscriberConnection.disconnect()
      throw error
    }
  }

  async #drop(): Promise<void> {
    this.#subscriber.clear()
    await this.#liveness.stop()
    this.#commands.disconnect()
    this.#subscriberConnection.disconnect()
  }

  #assertOpen(): void {
    if (this.#closing)
      throw new Error('RedisBroker is closed: connect a new broker to use it again')
  }
}

// Both connections up, or neither: a wrong URL fails here, at startup, saying why.
async function openConnections(options: RedisBrokerOptions): Promise<[Redis, Redis]> {
  const connection = { lazyConnect: true, ...options.redisOptions }
  const pair: [Redis, Redis] = [
    new Redis(options.url, connection),
    new Redis(options.url, connection),
  ]
  // connect() only says "Connection is closed"; the error event says why.
  let reason: unknown = null
  const remember = (error: unknown) => {
    reason ??= error
  }
  for (const redis of pair) redis.on('error', remember)
  try {
    await Promise.all(pair.map((redis) => redis.connect()))
    await assertRedisVersion(pair[0])
  } catch (error) {
    for (const redis of pair) redis.disconnect()
    const cause = reason ?? error
    const where = withoutPassword(options.url)
    throw new Error(`cannot use Redis at ${where}: ${(cause as Error).message}`, { cause })
  }
  for (const redis of pair) redis.off('error', remember)
  return pair
}

// Error messages end up in logs; a password in the URL must not.
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(an unparsable URL)'
  }
}

// Streams need 7.0: XSETID ... MAXDELETEDID and XINFO's max-deleted-entry-id
// record what trimming removed, which `readSince` relies on.
async function assertRedisVersion(redis: Redis): Promise<void> {
  const info = await redis.info('server')
  const version = /redis_version:(\d+)\.(\d+)/.exec(info)
  if (!version || Number(version[1]) < 7) {
    throw new Error(`Redis 7.0 or later is needed, found ${version?.[0] ?? 'an unknown version'}`)
  }
}
