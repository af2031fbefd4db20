import type { InspectEntry } from '@wirestate/core'
import { DEFAULT_SECRET_KEYS } from './redact.ts'
import { type RedactedEntry, redactEntry, toInspectEntry } from './redact-entry.ts'

/**
 * The `format` tag of an exported session file.
 *
 * @example
 * ```ts
 * JSON.parse(text).format === SESSION_FORMAT
 * ```
 */
export const SESSION_FORMAT = 'wirestate-devtools-session'

/**
 * An exported session: the inspect entries the panel kept, in order, redacted. Binary
 * frames keep their size and direction but not their bytes (`frame: null`), since bytes
 * cannot be searched for secrets.
 *
 * @example
 * ```ts
 * const file: SessionFile = JSON.parse(await blob.text())
 * file.entries.length
 * ```
 */
export interface SessionFile {
  format: typeof SESSION_FORMAT
  version: 1
  exportedAt: string
  entries: ExportedEntry[]
}

/**
 * One entry of a session file: a command or event as is (redacted), or a frame whose
 * text is redacted (JSON frames key by key, other text by pattern).
 *
 * @example
 * ```ts
 * const entry: ExportedEntry = { kind: 'frame', direction: 'out', size: 40, time: 1, frame: '[...]' }
 * ```
 */
export type ExportedEntry = RedactedEntry

/**
 * Serializes entries as a session file, with secrets redacted: values under secret keys
 * (token, password, secret, authorization, api_key, … at any depth), URL queries and
 * passwords, JWTs and Bearer credentials anywhere in text, raw frames included.
 *
 * @example
 * ```ts
 * const json = exportSession(session.entries())
 * download(new Blob([json], { type: 'application/json' }))
 * ```
 */
export function exportSession(
  entries: readonly InspectEntry[],
  options: { secretKeys?: RegExp; now?: Date } = {},
): string {
  const keys = options.secretKeys ?? DEFAULT_SECRET_KEYS
  const file: SessionFile = {
    format: SESSION_FORMAT,
    version: 1,
    exportedAt: (options.now ?? new Date()).toISOString(),
    entries: entries.map((entry) => redactEntry(entry, keys)),
  }
  return JSON.stringify(file, null, 1)
}

/**
 * Why a file could not be loaded as a session.
 *
 * @example
 * ```ts
 * try { importSession(text) } catch (e) { if (e instanceof SessionFileError) alert(e.message) }
 * ```
 */
export class SessionFileError extends Error {
  override name = 'SessionFileError'
}

/**
 * Reads a session file back into inspect entries, to be shown as a recorded session.
 * A file that is not one (wrong format, newer version, malformed entries) throws a
 * {@link SessionFileError} that says what is wrong. Binary frames come back as empty
 * buffers of their recorded size.
 *
 * @example
 * ```ts
 * const entries = importSession(await file.text())
 * const recorded = new Session()
 * for (const entry of entries) recorded.ingest(entry)
 * ```
 */
export function importSession(text: string): InspectEntry[] {
  let file: Partial<SessionFile>
  try {
    file = JSON.parse(text)
  } catch {
    throw new SessionFileError('not a wirestate session: the file is not JSON')
  }
  if (file?.format !== SESSION_FORMAT) {
    throw new SessionFileError(`not a wirestate session: format is not "${SESSION_FORMAT}"`)
  }
  if (file.version !== 1) {
    throw new SessionFileError(
      `unsupported session version ${String(file.version)} (this panel reads 1)`,
    )
  }
  if (!Array.isArray(file.entries)) throw new SessionFileError('malformed session: no entries')
  return file.entries.map(importEntry)
}

function importEntry(entry: unknown, index: number): InspectEntry {
  const e = (entry ?? {}) as Record<string, unknown>
  // Binary frames were exported without their bytes: an empty buffer stands in.
  if (e.kind === 'frame' && isFrameEntry(e)) return toInspectEntry(e as RedactedEntry)
  const item = (e.kind === 'command' ? e.command : e.kind === 'event' ? e.event : undefined) as
    | { type?: unknown; time?: unknown }
    | undefined
  if (typeof item?.type === 'string' && typeof item.time === 'number') return e as InspectEntry
  throw new SessionFileError(`malformed session: entry ${index} is not an inspect entry`)
}

function isFrameEntry(e: Record<string, unknown>): boolean {
  return (
    (e.direction === 'in' || e.direction === 'out') &&
    typeof e.size === 'number' &&
    typeof e.time === 'number' &&
    (typeof e.frame === 'string' || e.frame === null)
  )
}
