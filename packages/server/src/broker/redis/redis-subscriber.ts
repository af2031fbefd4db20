import type { Subscription, TopicEvent, TopicListener } from '@wirestate/engine'
import type { Redis } from 'ioredis'
import type { RedisKeys } from './redis-keys.ts'

interface Channel {
  readonly listeners: Set<TopicListener>
  // Resolves once Redis confirmed the SUBSCRIBE: from then on every publish reaches us.
  readonly subscribed: Promise<unknown>
}

/**
 * This node's pub/sub connection: one Redis `SUBSCRIBE` per topic however many
 * local listeners it has, and the decoding of what arrives into `TopicEvent`s.
 * Redis delivers a channel's messages in the order it ran the publishes, and each
 * message once per connection, which gives the broker its per-topic order.
 *
 * @example
 * ```ts
 * const subscriber = new RedisSubscriber(redis.duplicate(), new RedisKeys('wirestate:'))
 * const sub = await subscriber.subscribe('room:1', (event) => console.log(event))
 * await sub.unsubscribe()
 * ```
 */
export class RedisSubscriber {
  readonly #redis: Redis
  readonly #keys: RedisKeys
  readonly #channels = new Map<string, Channel>()
  readonly #onError: (error: unknown) => void

  constructor(redis: Redis, keys: RedisKeys, onError: (error: unknown) => void) {
    this.#redis = redis
    this.#keys = keys
    this.#onError = onError
    redis.on('message', (channel: string, message: string) => this.#deliver(channel, message))
  }

  /** Delivers the topic's events to `listener` from the moment this resolves. */
  async subscribe(topic: string, listener: TopicListener): Promise<Subscription> {
    const name = this.#keys.channel(topic)
    const channel = this.#channels.get(name) ?? this.#open(name)
    channel.listeners.add(listener)
    try {
      await channel.subscribed
    } catch (error) {
      await this.#remove(name, channel, listener)
      throw error
    }
    return { unsubscribe: () => this.#remove(name, channel, listener) }
  }

  /** Drops every listener at once; nothing is delivered afterwards. */
  clear(): void {
    this.#channels.clear()
  }

  #open(name: string): Channel {
    const channel = { listeners: new Set<TopicListener>(), subscribed: this.#redis.subscribe(name) }
    this.#channels.set(name, channel)
    return channel
  }

  async #remove(name: string, channel: Channel, listener: TopicListener): Promise<void> {
    if (!channel.listeners.delete(listener) || channel.listeners.size > 0) return
    if (this.#channels.get(name) !== channel) return
    this.#channels.delete(name)
    // Commands on one connection run in order, so a SUBSCRIBE issued after this
    // (a new listener) still wins.
    await this.#redis.unsubscribe(name)
  }

  #deliver(name: string, message: string): void {
    const listeners = this.#channels.get(name)?.listeners
    if (!listeners || listeners.size === 0) return
    let event: TopicEvent
    try {
      event = JSON.parse(message)
    } catch (error) {
      this.#onError(new Error(`dropped a malformed message on ${name}`, { cause: error }))
      return
    }
    // A throwing listener must neither silence the others nor unwind into the
    // Redis client's reply parser.
    for (const listener of [...listeners]) {
      try {
        listener(event)
      } catch (error) {
        this.#onError(error)
      }
    }
  }
}
