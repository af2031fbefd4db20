const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

/**
 * A random UUID (v4) naming a connection, built as one flat string: V8 builds
 * `crypto.randomUUID()` by concatenation, and keeps it as a tree of a dozen pieces
 * (~0.5 KiB per connection, kept as long as the connection) where 36 characters do.
 *
 * @example
 * ```ts
 * newConnectionId() // '3f2b8c1e-9d4a-4f6b-8e2c-1a7d5b9c0e4f'
 * ```
 */
export function newConnectionId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40 // version 4
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80 // variant 10
  const parts: string[] = []
  for (const [i, byte] of bytes.entries()) {
    if (i === 4 || i === 6 || i === 8 || i === 10) parts.push('-')
    parts.push(HEX[byte] as string)
  }
  return parts.join('')
}
