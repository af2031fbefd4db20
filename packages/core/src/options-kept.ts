import { isDevelopment } from './development.ts'
import type { Logger } from './options.ts'

/** The kept options already warned about: once per channel or feature instance. */
const warned = new WeakSet<object>()

/**
 * In development builds, warns once when `given` (the options of a later `channel()`,
 * `presence()`, `chat()` ... call) has a field that differs from `kept` (the first call's,
 * which stay in force). Fields given as `undefined` count as not given. Two functions are
 * the same when their source is (a component's inline `params: () => ...` is a new
 * function on every render). The warning shows the fields kept, with strings hidden
 * (params may hold a token).
 *
 * @example
 * ```ts
 * warnIfOptionsDiffer("presence('room:42')", first, options, logger)
 * ```
 */
export function warnIfOptionsDiffer(
  what: string,
  kept: object,
  given: object,
  logger: Logger,
): void {
  if (warned.has(kept) || !isDevelopment()) return
  const k = kept as Record<string, unknown>
  const differs = Object.entries(given).some(([key, v]) => v !== undefined && !same(v, k[key]))
  if (!differs) return
  warned.add(kept)
  logger.warn(
    `wirestate: ${what} was called again with other options; the first ones are kept: ${describe(kept)}`,
  )
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a === 'function' && typeof b === 'function') return String(a) === String(b)
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  const keys = Object.keys(x)
  return keys.length === Object.keys(y).length && keys.every((key) => same(x[key], y[key]))
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'ƒ'
  if (typeof value === 'string') return '"…"'
  if (!value || typeof value !== 'object') return String(value)
  const fields = Object.entries(value).map(([key, v]) => `${key}: ${describe(v)}`)
  return `{ ${fields.join(', ')} }`
}
