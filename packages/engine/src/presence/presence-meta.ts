const MAX_REQUESTED_META_BYTES = 1024
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const utf8 = new TextEncoder()

/**
 * A fresh `phx_ref`: 16 url-safe characters, like Phoenix's.
 *
 * @example
 * ```ts
 * newPresenceRef() // 'GOpUemGbLJTfjgQR'
 * ```
 */
export function newPresenceRef(): string {
  // 16 characters of 6 random bits each: the 96 bits of 12 random bytes.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))
  let ref = ''
  for (const byte of bytes) ref += URL_SAFE[byte & 63]
  return ref
}

/**
 * The meta a route without its own `meta` keeps: what the client asked for when it
 * is a JSON object of at most 1 KiB (anything else is ignored), then `online_at`
 * (unix seconds as a string, as in Phoenix's examples). `phx_*` fields are
 * reserved and dropped.
 *
 * @example
 * ```ts
 * defaultPresenceMeta({ status: 'away' }) // { status: 'away', online_at: '1700000000' }
 * ```
 */
export function defaultPresenceMeta(requested: unknown): Record<string, unknown> {
  const meta: Record<string, unknown> = {}
  if (isSmallObject(requested)) {
    for (const [field, value] of Object.entries(requested)) {
      if (!field.startsWith('phx_')) meta[field] = value
    }
  }
  meta.online_at = String(Math.floor(Date.now() / 1000))
  return meta
}

function isSmallObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  if (value instanceof ArrayBuffer) return false
  try {
    return utf8.encode(JSON.stringify(value)).length <= MAX_REQUESTED_META_BYTES
  } catch {
    return false
  }
}
