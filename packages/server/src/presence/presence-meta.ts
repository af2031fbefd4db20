import { randomBytes } from 'node:crypto'

const MAX_REQUESTED_META_BYTES = 1024

/**
 * A fresh `phx_ref`: 16 url-safe characters, like Phoenix's.
 *
 * @example
 * ```ts
 * newPresenceRef() // 'GOpUemGbLJTfjgQR'
 * ```
 */
export function newPresenceRef(): string {
  return randomBytes(12).toString('base64url')
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
    return Buffer.byteLength(JSON.stringify(value)) <= MAX_REQUESTED_META_BYTES
  } catch {
    return false
  }
}
