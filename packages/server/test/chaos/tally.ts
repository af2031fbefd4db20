import { compareStreamIds } from '@wirestate/core/protocol'

/**
 * What a subscriber got against what the publisher was confirmed: a scenario's
 * closing counters.
 *
 * @example
 * ```ts
 * expect(tally(confirmed, received)).toEqual({ confirmed: 2000, lost: 0, duplicated: 0, outOfOrder: 0 })
 * ```
 */
export interface DeliveryTally {
  confirmed: number
  lost: number
  duplicated: number
  outOfOrder: number
}

/**
 * Counts confirmed ids never received, ids received more than once, and
 * receptions whose id is not after the one before.
 *
 * @example
 * ```ts
 * tally(['1-0', '2-0'], ['2-0', '1-0']) // { confirmed: 2, lost: 0, duplicated: 0, outOfOrder: 1 }
 * ```
 */
export function tally(confirmed: readonly string[], received: readonly string[]): DeliveryTally {
  const seen = new Set(received)
  let outOfOrder = 0
  for (let i = 1; i < received.length; i++) {
    if (compareStreamIds(received[i - 1] as string, received[i] as string) >= 0) outOfOrder++
  }
  return {
    confirmed: confirmed.length,
    lost: confirmed.filter((id) => !seen.has(id)).length,
    duplicated: received.length - seen.size,
    outOfOrder,
  }
}
