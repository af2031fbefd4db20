// A lone surrogate: a UTF-16 half with no other half. With the `u` flag a paired one is a
// code point, not a surrogate, so only lone ones match.
const LONE_SURROGATE = /\p{Cs}/u

/**
 * Where a payload holds a string (or key) that is not well-formed UTF-16, as a path
 * (`payload.messages[2].body`), or `undefined` when it has none. Such a string cannot be
 * encoded as UTF-8: a real Phoenix server closes the whole socket (1011) on it, so the
 * client refuses the push instead (`invalid_payload`). Binary payloads are not looked into.
 *
 * @example
 * ```ts
 * findIllFormed({ body: 'ok' }) // undefined
 * findIllFormed({ body: '\uD83D' }) // 'payload.body'
 * ```
 */
export function findIllFormed(value: unknown, path = 'payload'): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : undefined
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return
  if (value instanceof ArrayBuffer) return
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findIllFormed(value[i], `${path}[${i}]`)
      if (found) return found
    }
    return
  }
  for (const key in value) {
    if (LONE_SURROGATE.test(key)) return `${path} (a key)`
    const found = findIllFormed((value as Record<string, unknown>)[key], `${path}.${key}`)
    if (found) return found
  }
}
