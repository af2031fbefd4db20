/**
 * Pushes waiting for their channel's join, oldest first.
 *
 * @example
 * ```ts
 * if (!buffer.add(push)) reject('buffer_full')
 * for (const p of buffer.take((p) => p.topic === 'room:1')) send(p)
 * ```
 */
export interface OutboundBuffer<T> {
  /** Adds an item; `false` if the buffer is full. */
  add(item: T): boolean
  /** Removes and returns the items that match, in order. */
  take(match: (item: T) => boolean): T[]
}

/**
 * Creates a buffer of at most `capacity` items. A full buffer refuses the new item
 * (`BufferOverflowed`) rather than dropping an old one, so the caller learns at once
 * which push failed.
 *
 * @example
 * ```ts
 * const buffer = createOutboundBuffer<{ topic: string }>(100)
 * ```
 */
export function createOutboundBuffer<T>(capacity: number): OutboundBuffer<T> {
  let items: T[] = []
  return {
    add: (item) => items.length < capacity && items.push(item) > 0,
    take(match) {
      const taken = items.filter(match)
      items = items.filter((item) => !match(item))
      return taken
    },
  }
}
