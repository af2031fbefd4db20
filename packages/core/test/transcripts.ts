import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** One line of a recorded Phoenix 1.7 transcript (see fixtures/README.md). */
export interface TranscriptLine {
  t_ms: number
  client: string
  dir: 'in' | 'out' | 'event'
  frame?: string
  frame_hex?: string
  event?: string
}

const dir = fileURLToPath(new URL('../../../fixtures/phoenix-1.7-transcripts/', import.meta.url))

/** Every transcript, by file name. */
export function loadTranscripts(): Map<string, TranscriptLine[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'))
  return new Map(files.map((f) => [f, parseLines(readFileSync(dir + f, 'utf8'))]))
}

function parseLines(text: string): TranscriptLine[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as TranscriptLine)
}

/** The frame of a line as the socket would hand it over: text, or an ArrayBuffer. */
export function frameOf(line: TranscriptLine): string | ArrayBuffer {
  if (line.frame !== undefined) return line.frame
  const hex = line.frame_hex ?? ''
  return new Uint8Array(hex.match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? []).buffer
}
