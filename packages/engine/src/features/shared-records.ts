import type { Broker } from '../broker/broker.ts'

/**
 * The shared records of a broker (`Broker.readRecords` / `swapRecord`) under one
 * feature's key prefix. Features keep here what must be the same on every node
 * and survive reconnects: chat dedup claims and message revisions, notification
 * read marks.
 *
 * @example
 * ```ts
 * const records = SharedRecords.of(channel.broker, 'chat')
 * const found = await records.swap('claim:c-42', null, 'pending', 30_000)
 * if (found === null) console.log('claimed')
 * ```
 */
export class SharedRecords {
  readonly #broker: Required<Pick<Broker, 'readRecords' | 'swapRecord'>>
  readonly #prefix: string

  private constructor(
    broker: Required<Pick<Broker, 'readRecords' | 'swapRecord'>>,
    prefix: string,
  ) {
    this.#broker = broker
    this.#prefix = prefix
  }

  /**
   * The records of `broker` under `<feature>:`. Throws when the broker lacks
   * records: a custom broker must implement `readRecords` and `swapRecord`.
   */
  static of(broker: Broker, feature: string): SharedRecords {
    const { readRecords, swapRecord } = broker
    if (!readRecords || !swapRecord) {
      throw new TypeError(
        `the ${feature} feature needs a broker with shared records: implement ` +
          'readRecords and swapRecord (MemoryBroker and RedisBroker have them)',
      )
    }
    return new SharedRecords(
      { readRecords: readRecords.bind(broker), swapRecord: swapRecord.bind(broker) },
      `${feature}:`,
    )
  }

  /** The values of `keys`, in order; `null` for absent or expired ones. */
  read(keys: readonly string[]): Promise<(string | null)[]> {
    return this.#broker.readRecords(keys.map((key) => this.#prefix + key))
  }

  /** One value; `null` when absent or expired. */
  async get(key: string): Promise<string | null> {
    const [value] = await this.read([key])
    return value ?? null
  }

  /** Compare and swap; resolves to the value found (the swap happened if it equals `expected`). */
  swap(
    key: string,
    expected: string | null,
    value: string | null,
    ttlMs: number,
  ): Promise<string | null> {
    return this.#broker.swapRecord(this.#prefix + key, expected, value, ttlMs)
  }
}
