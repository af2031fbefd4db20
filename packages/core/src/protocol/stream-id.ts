/**
 * Stream ids have the Redis stream shape `"<ms>-<seq>"`: the millisecond the entry
 * was appended, then a counter for entries appended within the same millisecond.
 * They are strings on the wire (JSON numbers lose precision past 2^53), so they
 * must be compared with {@link compareStreamIds}, never with `<` on strings:
 * `"999-0"` sorts after `"1000-0"` as text.
 */

/**
 * A parsed stream id.
 *
 * @example
 * ```ts
 * const parts: StreamIdParts = { ms: 1700000000000, seq: 0 }
 * ```
 */
export interface StreamIdParts {
  readonly ms: number
  readonly seq: number
}

const STREAM_ID = /^(\d{1,16})-(\d{1,16})$/

/**
 * Parses `"<ms>-<seq>"`; returns `null` for anything else (ids arrive from clients,
 * so a malformed one is data, not an exception).
 *
 * @example
 * ```ts
 * parseStreamId('1700000000000-3') // { ms: 1700000000000, seq: 3 }
 * parseStreamId('abc')             // null
 * ```
 */
export function parseStreamId(id: unknown): StreamIdParts | null {
  if (typeof id !== 'string') return null
  const match = STREAM_ID.exec(id)
  if (!match) return null
  const ms = Number(match[1])
  const seq = Number(match[2])
  if (!Number.isSafeInteger(ms) || !Number.isSafeInteger(seq)) return null
  return { ms, seq }
}

/**
 * Orders two valid stream ids: negative if `a` comes first, 0 if equal, positive
 * if `a` comes later. Throws on a malformed id (validate client input with
 * {@link parseStreamId} first).
 *
 * @example
 * ```ts
 * compareStreamIds('999-0', '1000-0') // < 0
 * ['2-0', '1-5', '1-1'].sort(compareStreamIds) // ['1-1', '1-5', '2-0']
 * ```
 */
export function compareStreamIds(a: string, b: string): number {
  const pa = parseStreamId(a)
  const pb = parseStreamId(b)
  if (!pa || !pb) throw new TypeError(`not a stream id: ${JSON.stringify(pa ? b : a)}`)
  return pa.ms === pb.ms ? pa.seq - pb.seq : pa.ms - pb.ms
}

/**
 * Formats stream id parts as `"<ms>-<seq>"`.
 *
 * @example
 * ```ts
 * formatStreamId({ ms: 1700000000000, seq: 0 }) // '1700000000000-0'
 * ```
 */
export function formatStreamId(parts: StreamIdParts): string {
  return `${parts.ms}-${parts.seq}`
}

/**
 * The id after `last` at time `now`: a new millisecond starts the counter at 0; the same
 * (or an earlier, if the clock stepped back) millisecond counts up, so ids only grow.
 *
 * @example
 * ```ts
 * nextStreamId({ ms: 5, seq: 0 }, 5) // { ms: 5, seq: 1 }
 * nextStreamId({ ms: 5, seq: 3 }, 9) // { ms: 9, seq: 0 }
 * ```
 */
export function nextStreamId(last: StreamIdParts, now: number): StreamIdParts {
  return now > last.ms ? { ms: now, seq: 0 } : { ms: last.ms, seq: last.seq + 1 }
}
