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
export async function benchDispatch(count: number, rounds: number): Promise<DispatchResult[]> {
  const frames = chatFrames(count)
  const results: DispatchResult[] = []
  // Warm both clients up (JIT) so the first variant measured is not the cold one.
  for (const withAtom of [false, true]) {
    await runPhoenix(frames.slice(0, 20_000), withAtom)
    await runWirestate(frames.slice(0, 20_000), withAtom)
  }
  for (const withAtom of [false, true]) {
    const rates = { phoenix: [] as number[], wirestate: [] as number[] }
    for (let r = 0; r < rounds; r++) {
      const order =
        r % 2 === 0 ? (['phoenix', 'wirestate'] as const) : (['wirestate', 'phoenix'] as const)
      for (const name of order) {
        const run =
          name === 'phoenix'
            ? await runPhoenix(frames, withAtom)
            : await runWirestate(frames, withAtom)
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

/** The report as text lines. */
export function formatDispatch(where: string, count: number, results: DispatchResult[]): string {
  const lines = [
    `dispatch (${where}): ${count.toLocaleString('en')} broadcast frames of ~200 bytes`,
  ]
  for (const r of results) {
    const fmt = (n: number) => `${Math.round(n).toLocaleString('en')} msgs/s`.padStart(16)
    lines.push(
      `  ${r.variant.padEnd(24)} phoenix ${fmt(r.phoenix)}   wirestate ${fmt(r.wirestate)}   ratio ${(r.wirestate / r.phoenix).toFixed(2)}x` +
        `   (medians: ${(r.wirestateMedian / r.phoenixMedian).toFixed(2)}x)`,
    )
  }
  return lines.join('\n')
}
