import { appendFileSync } from 'node:fs'

/**
 * The size of a fault scenario: small in `npm test` (CI stays well under its
 * limit), the full size under `npm run chaos` (`WIRESTATE_CHAOS=full`).
 *
 * @example
 * ```ts
 * const races = chaosSize(10, 60) // 60 under `npm run chaos`
 * ```
 */
export function chaosSize(small: number, full: number): number {
  return fullChaos() ? full : small
}

/**
 * Whether this run is `npm run chaos` (full sizes, results reported).
 *
 * @example
 * ```ts
 * if (fullChaos()) console.log(table)
 * ```
 */
export function fullChaos(): boolean {
  return process.env.WIRESTATE_CHAOS === 'full'
}

/**
 * Prints a scenario's closing counters, and under `npm run chaos` appends them as
 * one JSON line to the file `WIRESTATE_CHAOS_REPORT` names, for the results table.
 *
 * @example
 * ```ts
 * reportChaos('presence race (redis)', { races: 60, ghosts: 0, extraEntries: 0 })
 * ```
 */
export function reportChaos(scenario: string, counters: object): void {
  console.log(`chaos: ${scenario}: ${JSON.stringify(counters)}`)
  const file = process.env.WIRESTATE_CHAOS_REPORT
  if (file) appendFileSync(file, `${JSON.stringify({ scenario, ...counters })}\n`)
}
