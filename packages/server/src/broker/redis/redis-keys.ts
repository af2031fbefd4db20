/**
 * Where the Redis broker keeps things. Every key and channel starts with one
 * prefix, so several clusters (or test runs) can share a Redis without meeting.
 *
 * | name                        | type    | holds                                              |
 * |-----------------------------|---------|----------------------------------------------------|
 * | `<p>topic:<topic>`          | channel | JSON `TopicEvent`s: messages and presence diffs    |
 * | `<p>stream:<topic>`         | stream  | history: fields `event`, `payload` (JSON)          |
 * | `<p>presence:<topic>`       | hash    | `ref -> "<node>\n<key JSON>\n<meta JSON>"`         |
 * | `<p>nodes`                  | set     | ids of nodes that joined and have not left         |
 * | `<p>node:<id>`              | string  | heartbeat; expires `nodeTtlMs` after the last beat |
 * | `<p>node:<id>:refs`         | hash    | `[topic, ref] JSON -> ""`: what the node tracks    |
 * | `<p>record:<key>`           | string  | a shared record (features), expiring by `PX`       |
 *
 * @example
 * ```ts
 * const keys = new RedisKeys('wirestate:')
 * keys.stream('room:1') // 'wirestate:stream:room:1'
 * ```
 */
export class RedisKeys {
  readonly prefix: string

  constructor(prefix: string) {
    this.prefix = prefix
  }

  /** The pub/sub channel a topic's events travel on. */
  channel(topic: string): string {
    return `${this.prefix}topic:${topic}`
  }

  /** The stream holding a topic's history. */
  stream(topic: string): string {
    return `${this.prefix}stream:${topic}`
  }

  /** The hash of a topic's presence entries, by ref. */
  presence(topic: string): string {
    return `${this.prefix}presence:${topic}`
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
    return `${this.prefix}node:${nodeId}`
  }

  /**
   * A node's index of what it tracks. Lua scripts build this name from the owner
   * node stored in a presence entry, so it is `nodeRefsPrefix + id + ':refs'`.
   */
  nodeRefs(nodeId: string): string {
    return `${this.nodeRefsPrefix()}${nodeId}:refs`
  }

  /** The part of {@link RedisKeys.nodeRefs} before the node id, for Lua scripts. */
  nodeRefsPrefix(): string {
    return `${this.prefix}node:`
  }

  /** The field naming one tracked entry in a node's index. */
  refField(topic: string, ref: string): string {
    return JSON.stringify([topic, ref])
  }
}
