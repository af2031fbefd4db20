interface StoredRecord {
  readonly value: string
  readonly expiresAt: number
}

// Expired records are dropped when read; a full sweep every this many writes keeps
// records nobody reads again from piling up, at O(1) amortized per write.
const SWEEP_EVERY_WRITES = 1024

/**
 * The shared records of a {@link MemoryHub}: strings by key, each with its own
 * expiry, changed only by compare-and-swap. Everything runs synchronously in one
 * process, so each swap is atomic for every broker on the hub.
 *
 * @example
 * ```ts
 * const records = new MemoryRecords()
 * records.swap('claim:c-42', null, 'pending', 30_000, Date.now()) // null: claimed
 * records.read(['claim:c-42'], Date.now()) // ['pending']
 * ```
 */
export class MemoryRecords {
  #records = new Map<string, StoredRecord>()
  #writes = 0

  /** The live values of `keys`, `null` for absent or expired ones. */
  read(keys: readonly string[], now: number): (string | null)[] {
    return keys.map((key) => this.#live(key, now))
  }

  /** Replaces the value when it is `expected`; returns the value found. */
  swap(
    key: string,
    expected: string | null,
    value: string | null,
    ttlMs: number,
    now: number,
  ): string | null {
    const found = this.#live(key, now)
    if (found !== expected) return found
    if (value === null) this.#records.delete(key)
    else this.#records.set(key, { value, expiresAt: now + ttlMs })
    if (++this.#writes % SWEEP_EVERY_WRITES === 0) this.#sweep(now)
    return found
  }

  #live(key: string, now: number): string | null {
    const record = this.#records.get(key)
    if (!record) return null
    if (record.expiresAt > now) return record.value
    this.#records.delete(key)
    return null
  }

  #sweep(now: number): void {
    for (const [key, record] of this.#records) {
      if (record.expiresAt <= now) this.#records.delete(key)
    }
  }
}
