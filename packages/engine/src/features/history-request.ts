import { parseStreamId } from '@wirestate/core/protocol'
import { isPlainObject } from '../stream/stream-payload.ts'

/**
 * A `history` push as a feature reads it: where to start (`null`: the newest) and
 * how many, already bounded.
 *
 * @example
 * ```ts
 * const request: HistoryRequest = { before: '1700000000000-0', limit: 50 }
 * ```
 */
export interface HistoryRequest {
  readonly before: string | null
  readonly limit: number
}

/**
 * Reads `{before?, limit?}`: `limit` defaults to `pageSize` and is clamped to
 * 1..`maxPageSize`. `null` when `before` is given but is not a stream id.
 *
 * @example
 * ```ts
 * readHistoryRequest({ limit: 500 }, 50, 200) // { before: null, limit: 200 }
 * readHistoryRequest({ before: 'x' }, 50, 200) // null
 * ```
 */
export function readHistoryRequest(
  payload: unknown,
  pageSize: number,
  maxPageSize: number,
): HistoryRequest | null {
  const { before, limit } = isPlainObject(payload) ? payload : {}
  if (before !== undefined && before !== null && !parseStreamId(before)) return null
  const asked = typeof limit === 'number' && Number.isFinite(limit) ? Math.floor(limit) : pageSize
  return {
    before: typeof before === 'string' ? before : null,
    limit: Math.min(Math.max(1, asked), maxPageSize),
  }
}
