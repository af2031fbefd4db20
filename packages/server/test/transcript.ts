import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const DIR = fileURLToPath(new URL('../../../fixtures/phoenix-1.7-transcripts/', import.meta.url))

/** One recorded line of a transcript. */
export interface TranscriptLine {
  t_ms: number
  client: string
  dir: 'out' | 'in' | 'event'
  frame?: string
  frame_hex?: string
  event?: string
  url?: string
  status?: number
  code?: number
  message?: string
}

/**
 * Reads one transcript file by name (e.g. `01_join_push_broadcast.jsonl`).
 *
 * @example
 * ```ts
 * const lines = readTranscript('04_heartbeat.jsonl')
 * ```
 */
export function readTranscript(name: string): TranscriptLine[] {
  return readFileSync(`${DIR}${name}`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TranscriptLine)
}

/**
 * Every transcript file name, sorted.
 *
 * @example
 * ```ts
 * transcriptNames() // ['01_join_push_broadcast.jsonl', ...]
 * ```
 */
export function transcriptNames(): string[] {
  return readdirSync(DIR)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
}

/**
 * Makes frames comparable across runs: each distinct `phx_ref` becomes `ref#1`,
 * `ref#2`… in order of first appearance (so the same meta keeps the same name in
 * a diff and a state), and `online_at` becomes `<unix seconds>` when it is one.
 * Binary frames compare as hex.
 *
 * @example
 * ```ts
 * const normalize = refNormalizer()
 * normalize('[null,null,"r","presence_diff",{"joins":{"a":{"metas":[{"phx_ref":"X","online_at":"1"}]}},"leaves":{}}]')
 * ```
 */
export function refNormalizer(): (frame: string | Buffer) => unknown {
  const names = new Map<string, string>()
  const rename = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => rename(v))
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v, k)]))
    }
    if ((key === 'phx_ref' || key === 'phx_ref_prev') && typeof value === 'string') {
      if (!names.has(value)) names.set(value, `ref#${names.size + 1}`)
      return names.get(value)
    }
    if (key === 'online_at' && typeof value === 'string' && /^\d{10}$/.test(value)) {
      return '<unix seconds>'
    }
    return value
  }
  return (frame) =>
    typeof frame === 'string' ? rename(JSON.parse(frame)) : `hex:${frame.toString('hex')}`
}
