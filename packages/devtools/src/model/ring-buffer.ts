/**
 * A fixed-capacity buffer that keeps the newest `capacity` items: pushing into a full
 * buffer evicts the oldest in O(1), so recording never slows down however long a
 * session runs. Index 0 is the oldest retained item.
 *
 * @example
 * ```ts
 * const ring = new RingBuffer<number>(2)
 * ring.push(1); ring.push(2); ring.push(3)
 * ring.toArray() // [2, 3]
 * ring.total // 3
 * ```
 */
export class RingBuffer<T> {
  readonly capacity: number
  #items: (T | undefined)[]
  #start = 0
  #size = 0
  #total = 0

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`RingBuffer: capacity must be a positive integer, got ${capacity}`)
    }
    this.capacity = capacity
    this.#items = new Array(capacity)
  }

  /** How many items are retained now. */
  get size(): number {
    return this.#size
  }

  /** How many items were pushed since creation or the last `clear()`, evicted ones included. */
  get total(): number {
    return this.#total
  }

  /** Appends an item; returns the item it evicted, if the buffer was full. */
  push(item: T): T | undefined {
    const end = (this.#start + this.#size) % this.capacity
    const evicted = this.#size === this.capacity ? this.#items[end] : undefined
    this.#items[end] = item
    if (this.#size === this.capacity) this.#start = (this.#start + 1) % this.capacity
    else this.#size++
    this.#total++
    return evicted
  }

  /** The item at `index` (0 = oldest retained, `size - 1` = newest), or `undefined`. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.#size) return undefined
    return this.#items[(this.#start + index) % this.capacity]
  }

  /** The newest item, or `undefined` when empty. */
  last(): T | undefined {
    return this.at(this.#size - 1)
  }

  /** The retained items, oldest first. */
  toArray(): T[] {
    const out: T[] = []
    for (let i = 0; i < this.#size; i++) out.push(this.at(i) as T)
    return out
  }

  /** Drops every item and starts `total` over. */
  clear(): void {
    this.#items = new Array(this.capacity)
    this.#start = 0
    this.#size = 0
    this.#total = 0
  }
}
