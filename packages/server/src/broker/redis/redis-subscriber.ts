import type { Subscription, TopicEvent, TopicListener } from '@wirestate/engine'
import type { RedisClient } from './redis-connection.ts'
import type { RedisKeys } from './redis-keys.ts'
import { type CatchUpSource, type IncomingEvent, TopicDelivery } from './redis-topic-delivery.ts'

interface LocalTopic {
  readonly channel: string
  readonly listeners: Set<TopicListener>
  readonly delivery: TopicDelivery
  // Resolves once Redis confirmed the SSUBSCRIBE and the cursor is placed.
  readonly ready: Promise<void>
}

/**
 * This node's sharded pub/sub: one `SSUBSCRIBE` per topic however many local
 * listeners it has, decoding what arrives, and a {@link TopicDelivery} per topic
 * that makes stream delivery gap-free. After the connection comes back (ioredis
 * reconnects and resubscribes by itself) it subscribes every topic again, waits
 * for Redis to confirm, tells the topic's listeners (`resumed`) and has each topic
 * read what its stream missed meanwhile.
 *
 * @example
 * ```ts
 * const subscriber = new RedisSubscriber(connections.subscriber, keys, streams, console.warn)
 * const sub = await subscriber.subscribe('room:1', (event) => console.log(event))
 * await sub.unsubscribe()
 * ```
 */
export class RedisSubscriber {
  readonly #redis: RedisClient
  readonly #keys: RedisKeys
  readonly #source: CatchUpSource
  readonly #onError: (error: unknown) => void
  readonly #topics = new Map<string, LocalTopic>()
  readonly #byChannel = new Map<string, LocalTopic>()

  constructor(
    redis: RedisClient,
    keys: RedisKeys,
    source: CatchUpSource,
    onError: (error: unknown) => void,
  ) {
    this.#redis = redis
    this.#keys = keys
    this.#source = source
    this.#onError = onError
    redis.on('smessage', (channel: string, message: string) => this.#receive(channel, message))
    // A single Redis says 'ready' after each reconnect; a Cluster, once its
    // sharded subscribers are back after a topology change or a lost shard.
    redis.on('ready', () => void this.catchUpAll())
    redis.on('subscribersReady', () => void this.catchUpAll())
  }

  /** Delivers the topic's events to `listener` from the moment this resolves. */
  async subscribe(topic: string, listener: TopicListener): Promise<Subscription> {
    const local = this.#topics.get(topic) ?? this.#open(topic)
    local.listeners.add(listener)
    try {
      await local.ready
    } catch (error) {
      await this.#remove(topic, local, listener)
      throw error
    }
    return { unsubscribe: () => this.#remove(topic, local, listener) }
  }

  /**
   * Subscribes every topic again and, once Redis confirmed, tells its listeners
   * (`resumed`: presence diffs may have been lost) and reads what each stream
   * missed: after a reconnect, or when this node found Redis had lost its keys.
   * On a Cluster, `subscribersReady` does not say which shard's subscriber came
   * back, so every topic of this node is resumed.
   */
  async catchUpAll(): Promise<void> {
    const topics = [...this.#topics.values()]
    await Promise.all(
      topics.map(async (local) => {
        try {
          await this.#redis.ssubscribe(local.channel)
          // Confirmed: nothing published from now on is missed, so what listeners
          // read again now (presence) is current. Diffs lost before are not.
          local.delivery.receive({ type: 'resumed' })
        } catch (error) {
          this.#onError(error)
        }
        await local.delivery.catchUp()
      }),
    )
  }

  /** Has every topic compare the stream head with what it delivered. */
  async auditAll(): Promise<void> {
    for (const local of [...this.#topics.values()]) {
      try {
        await local.delivery.audit()
      } catch (error) {
        this.#onError(error)
      }
    }
  }

  /**
   * Checks the subscriber connection answers within `timeoutMs`; if not (a link
   * that died silently), drops it so ioredis reconnects, resubscribes and every
   * topic catches up. Only for a single Redis: a Cluster's shard subscribers are
   * watched by ioredis.
   */
  async checkConnection(timeoutMs: number): Promise<void> {
    const redis = this.#redis
    if (!('ping' in redis) || redis.status !== 'ready' || 'nodes' in redis) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs)
    })
    const answer = await Promise.race([redis.ping().catch(() => 'failed'), timedOut])
    clearTimeout(timer)
    if (answer === 'timeout') redis.disconnect(true)
  }

  /** Drops every listener at once; nothing is delivered afterwards. */
  clear(): void {
    for (const local of this.#topics.values()) local.delivery.close()
    this.#topics.clear()
    this.#byChannel.clear()
  }

  #open(topic: string): LocalTopic {
    const channel = this.#keys.channel(topic)
    const listeners = new Set<TopicListener>()
    const delivery = new TopicDelivery(
      topic,
      this.#source,
      (event) => this.#fanOut(listeners, event),
      this.#onError,
    )
    const ready = this.#redis.ssubscribe(channel).then(() => delivery.start())
    const local = { channel, listeners, delivery, ready }
    this.#topics.set(topic, local)
    this.#byChannel.set(channel, local)
    return local
  }

  async #remove(topic: string, local: LocalTopic, listener: TopicListener): Promise<void> {
    if (!local.listeners.delete(listener) || local.listeners.size > 0) return
    if (this.#topics.get(topic) !== local) return
    this.#topics.delete(topic)
    this.#byChannel.delete(local.channel)
    local.delivery.close()
    // Commands on one connection run in order, so an SSUBSCRIBE issued after this
    // (a new listener) still wins.
    await this.#redis.sunsubscribe(local.channel)
  }

  #receive(channel: string, message: string): void {
    const local = this.#byChannel.get(channel)
    if (!local) return
    let event: IncomingEvent
    try {
      event = JSON.parse(message)
    } catch (error) {
      this.#onError(new Error(`dropped a malformed message on ${channel}`, { cause: error }))
      return
    }
    local.delivery.receive(event)
  }

  // A throwing listener must neither silence the others nor unwind into the
  // Redis client's reply parser.
  #fanOut(listeners: Set<TopicListener>, event: TopicEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(event)
      } catch (error) {
        this.#onError(error)
      }
    }
  }
}
