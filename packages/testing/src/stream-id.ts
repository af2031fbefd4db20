/**
 * A stream id as its two integers: the millisecond it was stored and a counter within
 * that millisecond (the Redis stream id shape `"<ms>-<seq>"`).
 *
 * @example
 * ```ts
 * const parts: StreamIdParts = { ms: 1700000000000, seq: 0 }
 * ```
 */
export interface StreamIdParts {
  ms: number
  seq: number
}

/**
 * Parses `"<ms>-<seq>"`; anything else (not a string, not two integers) is `null`.
 *
 * @example
 * ```ts
 * parseStreamId('1700000000000-2') // { ms: 1700000000000, seq: 2 }
 * parseStreamId('latest')          // null
 * ```
 */
export function parseStreamId(id: unknown): StreamIdParts | null {
  if (typeof id !== 'string') return null
  const found = /^(\d+)-(\d+)$/.exec(id)
  if (!found) return null
  return { ms: Number(found[1]), seq: Number(found[2]) }
}

/**
 * Orders two ids as pairs of integers, never as strings (`"999-0"` is before `"1000-0"`).
 * Both must be valid ids.
 *
 * @example
 * ```ts
 * compareStreamIds('999-0', '1000-0') // negative
 * ```
 */
export function compareStreamIds(a: string, b: string): number {
  const x = parseStreamId(a) as StreamIdParts
  const y = parseStreamId(b) as StreamIdParts
  return x.ms - y.ms || x.seq - y.seq
}

/**
 * The next id after `last` at time `now`: a new millisecond starts the counter at 0;
 * the same (or an earlier) millisecond counts up, so ids only grow.
 *
 * @example
 * ```ts
 * nextStreamId({ ms: 5, seq: 0 }, 5) // { ms: 5, seq: 1 }
 * ```
 */
export function nextStreamId(last: StreamIdParts, now: number): StreamIdParts {
  return now > last.ms ? { ms: now, seq: 0 } : { ms: last.ms, seq: last.seq + 1 }
}
