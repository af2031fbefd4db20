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
import {
  REDIS_LIVENESS_DEFAULTS,
  type RedisBrokerOptions,
  type RedisBrokerSettings,
  resolveSettings,
} from './redis-broker-options.ts'
import { openRedis, type RedisClient } from './redis-connection.ts'
import { RedisKeys } from './redis-keys.ts'
import { RedisLiveness } from './redis-liveness.ts'
import { RedisPresence } from './redis-presence.ts'
import { RedisRecords } from './redis-records.ts'
import { RedisStreams } from './redis-streams.ts'
import { RedisSubscriber } from './redis-subscriber.ts'

export { REDIS_LIVENESS_DEFAULTS, type RedisBrokerOptions }

/**
 * The broker for more than one node: every node connects to the same Redis (or
 * Redis Cluster). Sharded pub/sub carries the fan-out, streams keep history and
 * make stream delivery gap-free (a node reads the stream to catch up whenever it
 * may have missed a publish), hashes keep presence, heartbeat keys with a TTL
 * tell live nodes from dead ones, and plain keys hold the features' shared
 * records. Each node holds two connections: one for commands and scripts, one for
 * its subscriptions (on a Cluster, ioredis keeps one of each per master).
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
  readonly #commands: RedisClient
  readonly #subscriberConnection: RedisClient
  readonly #subscriber: RedisSubscriber
  readonly #streams: RedisStreams
  readonly #presence: RedisPresence
  readonly #records: RedisRecords
  readonly #liveness: RedisLiveness
  readonly #onError: (error: unknown) => void
  readonly #auditEveryTicks: number
  #ticks = 0
  #closing: Promise<void> | null = null

  /**
   * Connects, checks the Redis version, clears what an earlier process with the
   * same `nodeId` left behind, and starts beating.
   */
  static async connect(options: RedisBrokerOptions): Promise<RedisBroker> {
    const settings = resolveSettings(options)
    const keys = new RedisKeys(options.prefix ?? 'wirestate:')
    const { commands, subscriber } = await openRedis(options)
    const broker = new RedisBroker(commands, subscriber, keys, settings)
    try {
      await broker.#presence.removeNode(settings.nodeId, 'any')
      await broker.#liveness.start()
      broker.#presence.generation = broker.#liveness.generation
    } catch (error) {
      await broker.abandon()
      throw error
    }
    return broker
  }

  private constructor(
    commands: RedisClient,
    subscriber: RedisClient,
    keys: RedisKeys,
    settings: RedisBrokerSettings,
  ) {
    const onError =
      settings.onError ?? ((error) => console.warn('[wirestate] redis broker:', error))
    this.nodeId = settings.nodeId
    this.livenessBoundMs = settings.nodeTtlMs + settings.heartbeatMs
    this.#keys = keys
    this.#commands = commands
    this.#subscriberConnection = subscriber
    this.#onError = onError
    this.#auditEveryTicks = Math.max(1, Math.round(settings.auditMs / settings.heartbeatMs))
    this.#streams = new RedisStreams(commands, keys)
    this.#subscriber = new RedisSubscriber(subscriber, keys, this.#streams, onError)
    this.#presence = new RedisPresence(commands, keys, this.nodeId)
    this.#records = new RedisRecords(commands, keys)
    this.#liveness = new RedisLiveness({
      redis: commands,
      keys,
      nodeId: this.nodeId,
      heartbeatMs: settings.heartbeatMs,
      nodeTtlMs: settings.nodeTtlMs,
      removeNode: (id, newest) => this.#presence.removeNode(id, newest),
      renewed: (gen) => this.#renewed(gen),
      maintain: () => this.#maintain(settings),
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
    await this.#commands.spublish(this.#keys.channel(topic), envelope)
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

  /** Untracks that failed (Redis unreachable) and are waiting to be retried. */
  get pendingRemovals(): number {
    return this.#presence.pendingRemovals
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

  // Redis lost our heartbeat (we were taken for dead, or it restarted or was
  // emptied): write our presence back and read what the topics missed.
  async #renewed(gen: number): Promise<void> {
    this.#presence.generation = gen
    await this.#presence.restore()
    await this.#subscriber.catchUpAll()
  }

  async #maintain(settings: RedisBrokerSettings): Promise<void> {
    if (this.#presence.pendingRemovals > 0) await this.#presence.retryRemovals()
    await this.#subscriber.checkConnection(settings.nodeTtlMs)
    if (++this.#ticks % this.#auditEveryTicks === 0) await this.#subscriber.auditAll()
  }

  async #leave(): Promise<void> {
    this.#subscriber.clear()
    await this.#liveness.stop()
    try {
      await this.#presence.removeNode(this.nodeId, 'any')
      await this.#commands.del(
        this.#keys.heartbeat(this.nodeId),
        this.#keys.generation(this.nodeId),
      )
      await this.#commands.srem(this.#keys.nodes(), this.nodeId)
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
