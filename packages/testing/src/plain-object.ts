/**
 * Whether a value is a JSON object: not null, not an array, not binary. Join payloads
 * and presence metas are read only when they are.
 *
 * @example
 * ```ts
 * isPlainObject({ since: '1-0' }) // true
 * isPlainObject([1])              // false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  return !(value instanceof ArrayBuffer) && !ArrayBuffer.isView(value)
}
