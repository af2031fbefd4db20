import { redact } from '../model/redact.ts'

/**
 * A wall-clock time with milliseconds, `14:03:07.042`.
 *
 * @example
 * ```ts
 * formatTime(Date.now())
 * ```
 */
export function formatTime(ms: number): string {
  const d = new Date(ms)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`
}

/**
 * A byte count, `512 B` or `3.4 kB`.
 *
 * @example
 * ```ts
 * formatBytes(3_400) // '3.4 kB'
 * ```
 */
export function formatBytes(bytes: number): string {
  return bytes < 1_000 ? `${bytes} B` : `${(bytes / 1_000).toFixed(1)} kB`
}

const MAX_PRETTY = 200_000

/**
 * Redacted, indented JSON of a value for a detail pane, cut off (and saying so) past
 * 200,000 characters so one huge payload cannot freeze the panel.
 *
 * @example
 * ```ts
 * pre.textContent = prettyJson(entry, session.secretKeys)
 * ```
 */
export function prettyJson(value: unknown, secretKeys: RegExp): string {
  const text = JSON.stringify(redact(value, secretKeys), null, 2) ?? String(value)
  return text.length > MAX_PRETTY
    ? `${text.slice(0, MAX_PRETTY)}\n… (${text.length} characters)`
    : text
}

/**
 * Redacted one-line JSON of a value for a list row, at most `max` characters.
 *
 * @example
 * ```ts
 * summary.textContent = compactJson(payload, session.secretKeys)
 * ```
 */
export function compactJson(value: unknown, secretKeys: RegExp, max = 240): string {
  if (value === undefined) return ''
  const text = JSON.stringify(redact(value, secretKeys)) ?? String(value)
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/**
 * A raw frame parsed for display: JSON frames as their value, other text as is, binary
 * as a size note.
 *
 * @example
 * ```ts
 * prettyJson(parseFrame(record.frame), keys)
 * ```
 */
export function parseFrame(frame: string | ArrayBuffer): unknown {
  if (typeof frame !== 'string') return `[binary frame, ${frame.byteLength} bytes]`
  try {
    return JSON.parse(frame)
  } catch {
    return frame
  }
}
