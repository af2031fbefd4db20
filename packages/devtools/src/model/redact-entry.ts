import type { Frame, InspectEntry } from '@wirestate/core'
import { DEFAULT_SECRET_KEYS, redact, redactText } from './redact.ts'

/**
 * An inspect entry with its secrets redacted: a command or event as is, or a frame whose
 * text is redacted (JSON frames key by key, other text by pattern) and whose bytes, if
 * binary, are left out (`frame: null`: bytes cannot be searched for secrets).
 *
 * @example
 * ```ts
 * const entry: RedactedEntry = { kind: 'frame', direction: 'out', size: 40, time: 1, frame: '[...]' }
 * ```
 */
export type RedactedEntry =
  | Extract<InspectEntry, { kind: 'command' | 'event' }>
  | { kind: 'frame'; direction: 'in' | 'out'; size: number; time: number; frame: string | null }

/**
 * Redacts one inspect entry (a copy; the entry is not changed): values under secret keys at
 * any depth, URL queries and passwords, JWTs and Bearer credentials anywhere in text, raw
 * frames included. What exports and the early buffer keep.
 *
 * @example
 * ```ts
 * redactEntry({ kind: 'frame', direction: 'out', size: 9, time: 0, frame: '["1","1","room:1","phx_join",{"token":"t"}]' })
 * // frame: '["1","1","room:1","phx_join",{"token":"[redacted]"}]'
 * ```
 */
export function redactEntry(
  entry: InspectEntry,
  keys: RegExp = DEFAULT_SECRET_KEYS,
): RedactedEntry {
  if (entry.kind !== 'frame') return redact(entry, keys) as RedactedEntry
  const { direction, size, time, frame } = entry
  return { kind: 'frame', direction, size, time, frame: redactFrame(frame, keys) }
}

function redactFrame(frame: Frame, keys: RegExp): string | null {
  if (typeof frame !== 'string') return null
  try {
    return JSON.stringify(redact(JSON.parse(frame), keys))
  } catch {
    return redactText(frame)
  }
}

/**
 * A redacted entry as the panel takes it: a binary frame left out comes back as an empty
 * buffer of its recorded size.
 *
 * @example
 * ```ts
 * session.ingest(toInspectEntry(redactEntry(entry)))
 * ```
 */
export function toInspectEntry(entry: RedactedEntry): InspectEntry {
  if (entry.kind !== 'frame' || entry.frame !== null) return entry as InspectEntry
  return { ...entry, frame: new ArrayBuffer(0) }
}
