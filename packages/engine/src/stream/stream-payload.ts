/**
 * Whether a value is a plain JSON object (not an array, not binary, not null).
 *
 * @example
 * ```ts
 * isPlainObject({ body: 'hi' }) // true
 * isPlainObject([1])            // false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * A stream message as it goes on the wire: its payload with the stream `id` added.
 *
 * @example
 * ```ts
 * withStreamId({ body: 'hi' }, '1700000000000-0') // { body: 'hi', id: '1700000000000-0' }
 * ```
 */
export function withStreamId(payload: unknown, id: string): unknown {
  return isPlainObject(payload) ? { ...payload, id } : payload
}
