/**
 * Remembers which client message ids a topic has stored lately, so a message
 * retried after a reconnect (same `client_id`) is stored once. Per node and
 * bounded: it catches retries, not duplicates days apart.
 *
 * @example
 * ```ts
 * const recent = new RecentClientIds(1000)
 * recent.get('room:1', 'c-42') ?? recent.set('room:1', 'c-42', await store())
 * ```
 */
export class RecentClientIds {
  #ids = new Map<string, string | null>()
  #capacity: number

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  /** The stream id stored for this client id, if remembered. */
  get(topic: string, clientId: string): string | null | undefined {
    return this.#ids.get(`${topic}\n${clientId}`)
  }

  set(topic: string, clientId: string, id: string | null): void {
    this.#ids.set(`${topic}\n${clientId}`, id)
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.#ids.size > this.#capacity) this.#ids.delete(this.#ids.keys().next().value as string)
  }
}
