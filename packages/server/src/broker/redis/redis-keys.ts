/**
 * Where the Redis broker keeps things. Every key and channel starts with one
 * prefix, so several clusters (or test runs) can share a Redis without meeting.
 * The keys of one topic share the hash tag `{<topic>}`, and the keys of one node
 * the tag `{node:<id>}`, so that on a Redis Cluster each script and transaction
 * touches one slot, and a topic's shard channel lives on the shard holding its
 * stream (`SPUBLISH` from inside the append script).
 *
 * | name                           | type          | holds                                                  |
 * |--------------------------------|---------------|--------------------------------------------------------|
 * | `<p>{<topic>}:events`          | shard channel | JSON `TopicEvent`s; stream messages also carry `seq`   |
 * | `<p>{<topic>}:stream`          | stream        | history: `event`, `payload` (JSON), `seq`, `from`?     |
 * | `<p>{<topic>}:head`            | hash          | `seq` (appends so far), `id` (the newest id)           |
 * | `<p>{<topic>}:receipt:<key>`   | string        | the id an append stored, for a resent append; `PX`     |
 * | `<p>{<topic>}:presence`        | hash          | `ref -> "<node>\n<gen>\n<key JSON>\n<meta JSON>"`      |
 * | `<p>{node:<id>}:beat`          | string        | heartbeat; expires `nodeTtlMs` after the last beat     |
 * | `<p>{node:<id>}:gen`           | string        | the node's generation (see `RedisLiveness`)            |
 * | `<p>{node:<id>}:refs`          | hash          | `[topic, ref] JSON -> gen`: what the node tracks       |
 * | `<p>nodes`                     | set           | ids of nodes that joined and have not been removed     |
 * | `<p>record:<key>`              | string        | a shared record (features), expiring by `PX`           |
 *
 * Topic and node ids are escaped inside the braces (`%` → `%25`, `{` → `%7B`,
 * `}` → `%7D`) so that no name can end the tag early and split one topic's keys
 * over two slots.
 *
 * @example
 * ```ts
 * const keys = new RedisKeys('wirestate:')
 * keys.stream('room:1') // 'wirestate:{room:1}:stream'
 * ```
 */
export class RedisKeys {
  readonly prefix: string

  constructor(prefix: string) {
    if (/[{}]/.test(prefix)) {
      throw new TypeError(`the key prefix must not contain { or }, got ${JSON.stringify(prefix)}`)
    }
    this.prefix = prefix
  }

  /** The shard channel a topic's events travel on. */
  channel(topic: string): string {
    return this.#topic(topic, 'events')
  }

  /** The stream holding a topic's history. */
  stream(topic: string): string {
    return this.#topic(topic, 'stream')
  }

  /** The hash with the stream's append count (`seq`) and newest id (`id`). */
  head(topic: string): string {
    return this.#topic(topic, 'head')
  }

  /** The receipt of one append, by the key the appending node gave it. */
  receipt(topic: string, key: string): string {
    return this.#topic(topic, `receipt:${key}`)
  }

  /** The hash of a topic's presence entries, by ref. */
  presence(topic: string): string {
    return this.#topic(topic, 'presence')
  }

  /** A shared record (`Broker.swapRecord`). */
  record(key: string): string {
    return `${this.prefix}record:${key}`
  }

  /** The set of nodes that registered and have not been removed. */
  nodes(): string {
    return `${this.prefix}nodes`
  }

  /** A node's heartbeat key; its absence means the node is dead. */
  heartbeat(nodeId: string): string {
    return this.#node(nodeId, 'beat')
  }

  /** A node's generation, next to its heartbeat. */
  generation(nodeId: string): string {
    return this.#node(nodeId, 'gen')
  }

  /** A node's index of what it tracks. */
  nodeRefs(nodeId: string): string {
    return this.#node(nodeId, 'refs')
  }

  /** The field naming one tracked entry in a node's index. */
  refField(topic: string, ref: string): string {
    return JSON.stringify([topic, ref])
  }

  #topic(topic: string, what: string): string {
    return `${this.prefix}{${escapeTag(topic)}}:${what}`
  }

  #node(nodeId: string, what: string): string {
    return `${this.prefix}{node:${escapeTag(nodeId)}}:${what}`
  }
}

function escapeTag(name: string): string {
  return name.replace(/[%{}]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}
