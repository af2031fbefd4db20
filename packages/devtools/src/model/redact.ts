/**
 * What a redacted value is replaced with.
 *
 * @example
 * ```ts
 * redact({ token: 'abc' }) // { token: REDACTED }
 * ```
 */
export const REDACTED = '[redacted]'

/**
 * Object keys whose values are secrets, matched case-insensitively anywhere in the key:
 * `token` also catches `access_token` and `refreshToken`, `api[-_]?key` catches
 * `apiKey`. Over-redacting a harmless field is the cheap mistake; leaking a token is not.
 *
 * @example
 * ```ts
 * DEFAULT_SECRET_KEYS.test('X-Api-Key') // true
 * ```
 */
export const DEFAULT_SECRET_KEYS: RegExp =
  /^auth$|token|passw(?:or)?d|secret|authori[sz]ation|api[-_]?key|cookie|credential|private[-_]?key|session[-_]?id|signature/i

// Query parameters that are protocol plumbing, not credentials (Phoenix's `vsn`).
const PUBLIC_QUERY_KEYS = new Set(['vsn'])
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi
const JWT_PATTERN = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g
const SCHEME_PATTERN = /\b(Bearer|Basic|Token)\s+[\w.~+/=-]{6,}/gi
const MAX_DEPTH = 40

/**
 * Redacts secrets inside free text: every URL's query values (but `vsn`) and password
 * (`wss://u:pw@host/?token=…`), JWT-looking strings, and `Bearer …` credentials.
 *
 * @example
 * ```ts
 * redactText('wss://api.example.com/socket?token=abc&vsn=2.0.0')
 * // 'wss://api.example.com/socket?token=[redacted]&vsn=2.0.0'
 * ```
 */
export function redactText(text: string): string {
  // A fast exit: most payload strings hold none of the three shapes.
  if (!/:\/\/|eyJ|bearer|basic|token/i.test(text)) return text
  return text
    .replace(URL_PATTERN, redactUrl)
    .replace(JWT_PATTERN, REDACTED)
    .replace(SCHEME_PATTERN, (_, scheme: string) => `${scheme} ${REDACTED}`)
}

function redactUrl(url: string): string {
  const withoutPassword = url.replace(/^([^:]+:\/\/[^/@:]*):[^/@]*@/, `$1:${REDACTED}@`)
  const queryStart = withoutPassword.indexOf('?')
  if (queryStart < 0) return withoutPassword
  const hashStart = withoutPassword.indexOf('#', queryStart)
  const end = hashStart < 0 ? withoutPassword.length : hashStart
  const query = withoutPassword
    .slice(queryStart + 1, end)
    .split('&')
    .map((pair) => {
      const key = pair.split('=', 1)[0] ?? ''
      return PUBLIC_QUERY_KEYS.has(key) || key === pair ? pair : `${key}=${REDACTED}`
    })
    .join('&')
  return `${withoutPassword.slice(0, queryStart + 1)}${query}${withoutPassword.slice(end)}`
}

/**
 * A deep copy of `value` with secrets replaced by {@link REDACTED}: values under keys
 * that `secretKeys` matches (at any depth, in objects and arrays), and secrets inside
 * strings ({@link redactText}). Binary data becomes a size note; cycles and very deep
 * nesting end in a marker instead of a stack overflow. The input is never changed.
 *
 * @example
 * ```ts
 * redact({ user: 'ann', auth: { token: 'abc' }, url: 'wss://x/socket?token=abc' })
 * // { user: 'ann', auth: '[redacted]', url: 'wss://x/socket?token=[redacted]' }
 * ```
 */
export function redact(value: unknown, secretKeys: RegExp = DEFAULT_SECRET_KEYS): unknown {
  return copy(value, secretKeys, new WeakSet(), 0)
}

function copy(value: unknown, keys: RegExp, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redactText(value)
  if (typeof value === 'bigint') return `${value}n`
  if (value === null || typeof value !== 'object') return value
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    return `[binary, ${value.byteLength} bytes]`
  }
  if (seen.has(value)) return '[circular]'
  if (depth >= MAX_DEPTH) return '[too deep]'
  seen.add(value)
  let result: unknown
  if (Array.isArray(value)) result = value.map((item) => copy(item, keys, seen, depth + 1))
  else {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      out[key] = keys.test(key) ? REDACTED : copy(item, keys, seen, depth + 1)
    }
    result = out
  }
  // A value seen twice but not inside itself (a shared sub-object) is not a cycle.
  seen.delete(value)
  return result
}
