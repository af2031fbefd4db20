import { type Broker, RedisBroker, type TopicListener } from '@wirestate/server'
import { Redis } from 'ioredis'

/**
 * The other candidate for gap-free stream delivery, as a prototype to measure:
 * stream topics are not read from pub/sub at all; one dedicated blocking
 * connection per node runs `XREAD BLOCK 0` over the streams of every topic with
 * local members, from the last id it delivered. Adding a topic interrupts the
 * blocked read (`CLIENT UNBLOCK`) so the next one includes it. Every other method
 * is the Redis broker's. Stream keys are spelled as the Redis broker spells them
 * (`<prefix>{<topic>}:stream`; bench topics need no escaping).
 */
export class XreadBroker {
  readonly broker: Broker
  readonly #inner: RedisBroker
  readonly #blocking: Redis
  readonly #control: Redis
  readonly #prefix: string
  readonly #topics = new Map<string, { id: string; listeners: Set<TopicListener> }>()
  #blockingId = 0
  #closed = false

  private constructor(inner: RedisBroker, url: string, prefix: string) {
    this.#inner = inner
    this.#blocking = new Redis(url)
    this.#control = new Redis(url)
    this.#prefix = prefix
    // The server sees a Broker whose subscribe goes through XREAD.
    this.broker = new Proxy(inner, {
      get: (target, name, receiver) => {
        if (name === 'subscribe')
          return (topic: string, l: TopicListener) => this.#subscribe(topic, l)
        if (name === 'close') return () => this.close()
        const value = Reflect.get(target, name, receiver)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
  }

  static async connect(url: string, prefix: string): Promise<XreadBroker> {
    const inner = await RedisBroker.connect({ url, prefix })
    const reader = new XreadBroker(inner, url, prefix)
    reader.#blockingId = Number(await reader.#blocking.client('ID'))
    void reader.#read()
    return reader
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#blocking.disconnect()
    this.#control.disconnect()
    await this.#inner.close()
  }

  async #subscribe(topic: string, listener: TopicListener) {
    let local = this.#topics.get(topic)
    if (!local) {
      const [last] = await this.#control.xrevrange(this.#key(topic), '+', '-', 'COUNT', 1)
      local = { id: last?.[0] ?? '0-0', listeners: new Set() }
      this.#topics.set(topic, local)
      await this.#control.client('UNBLOCK', this.#blockingId)
    }
    local.listeners.add(listener)
    const entry = local
    return {
      unsubscribe: async () => {
        entry.listeners.delete(listener)
      },
    }
  }

  #key(topic: string): string {
    return `${this.#prefix}{${topic}}:stream`
  }

  async #read(): Promise<void> {
    while (!this.#closed) {
      const topics = [...this.#topics.entries()]
      if (topics.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 5))
        continue
      }
      const keys = topics.map(([topic]) => this.#key(topic))
      const ids = topics.map(([, local]) => local.id)
      const reply = (await this.#blocking
        .xread('BLOCK', 0, 'STREAMS', ...keys, ...ids)
        .catch(() => null)) as [string, [string, string[]][]][] | null
      for (const [key, entries] of reply ?? []) {
        const local = topics[keys.indexOf(key)]?.[1]
        if (!local) continue
        for (const [id, fields] of entries) {
          local.id = id
          const event = fields[fields.indexOf('event') + 1] ?? ''
          const payload = JSON.parse(fields[fields.indexOf('payload') + 1] ?? 'null')
          const from = fields.includes('from') ? (fields[fields.indexOf('from') + 1] ?? null) : null
          for (const listener of local.listeners)
            listener({ type: 'message', event, payload, from, id })
        }
      }
    }
  }
}
