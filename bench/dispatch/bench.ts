import { chatFrames } from './frames.ts'
import { runPhoenix } from './run-phoenix.ts'
import { runWirestate } from './run-wirestate.ts'

/** One line of the dispatch report. */
export interface DispatchResult {
  variant: string
  phoenix: number
  wirestate: number
  /** Medians, for a sense of the noise. */
  phoenixMedian: number
  wirestateMedian: number
}

/**
 * Runs both clients on the same frames, alternating which goes first in each
 * round, and keeps the best msgs/s of each: other processes on the machine can
 * only slow a round down, so the fastest round is the least disturbed one (the
 * median is printed too). Works in Node and in the browser.
 */
export async function benchDispatch(
  count: number,
  rounds: number,
  perTask: number,
): Promise<DispatchResult[]> {
  const frames = chatFrames(count)
  const results: DispatchResult[] = []
  // Warm both clients up (JIT) so the first variant measured is not the cold one.
  for (const withAtom of [false, true]) {
    await runPhoenix(frames.slice(0, 20_000), withAtom, perTask)
    await runWirestate(frames.slice(0, 20_000), withAtom, perTask)
  }
  for (const withAtom of [false, true]) {
    const rates = { phoenix: [] as number[], wirestate: [] as number[] }
    for (let r = 0; r < rounds; r++) {
      const order =
        r % 2 === 0 ? (['phoenix', 'wirestate'] as const) : (['wirestate', 'phoenix'] as const)
      for (const name of order) {
        const run =
          name === 'phoenix'
            ? await runPhoenix(frames, withAtom, perTask)
            : await runWirestate(frames, withAtom, perTask)
        if (run.handled !== count)
          throw new Error(`${name} handled ${run.handled} of ${count} frames`)
        rates[name].push(count / (run.ms / 1000))
      }
    }
    results.push({
      variant: withAtom ? 'on() + subscribed atom' : 'one on() handler',
      phoenix: Math.max(...rates.phoenix),
      wirestate: Math.max(...rates.wirestate),
      phoenixMedian: median(rates.phoenix),
      wirestateMedian: median(rates.wirestate),
    })
  }
  return results
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/** How frames reach the socket in each report section. */
export const DELIVERY_MODES: ReadonlyArray<{ perTask: number; label: string }> = [
  { perTask: 100, label: '100 frames per task, as a busy socket delivers them' },
  { perTask: Number.POSITIVE_INFINITY, label: 'all frames in one task (worst case for batching)' },
]

/** Runs every delivery mode and returns the report as text. Works in Node and browsers. */
export async function dispatchReport(
  where: string,
  count: number,
  rounds: number,
): Promise<string> {
  const sections = [
    `dispatch (${where}): ${count.toLocaleString('en')} broadcast frames of ~200 bytes, best of ${rounds} rounds`,
  ]
  for (const mode of DELIVERY_MODES) {
    sections.push(
      ` ${mode.label}:`,
      formatDispatch(await benchDispatch(count, rounds, mode.perTask)),
    )
  }
  return sections.join('\n')
}

function formatDispatch(results: DispatchResult[]): string {
  const fmt = (n: number) => `${Math.round(n).toLocaleString('en')} msgs/s`.padStart(16)
  return results
    .map(
      (r) =>
        `  ${r.variant.padEnd(24)} phoenix ${fmt(r.phoenix)}   wirestate ${fmt(r.wirestate)}` +
        `   ratio ${(r.wirestate / r.phoenix).toFixed(2)}x (medians ${(r.wirestateMedian / r.phoenixMedian).toFixed(2)}x)`,
    )
    .join('\n')
}
