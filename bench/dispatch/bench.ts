import { CLOCK } from '../stopwatch.ts'
import { chatFrames } from './frames.ts'
import { runFloor } from './run-floor.ts'
import { type DispatchRun, runPhoenix } from './run-phoenix.ts'
import { runWirestate } from './run-wirestate.ts'

/** The clients measured: the two compared, and the floor (the least a client can do). */
export type ClientName = 'phoenix' | 'wirestate' | 'floor'

const RUNNERS = { phoenix: runPhoenix, wirestate: runWirestate, floor: runFloor }

/** What one run varies: the handler kind, how frames are grouped into tasks, channels joined. */
export interface RunSetup {
  withAtom: boolean
  perTask: number
  channels: number
  /** How many of the frames to deliver (the warm-up uses fewer). */
  count: number
}

/**
 * Runs one client once and says what it measured. In process (Node, or inside the page) it
 * calls the runner directly; the Chromium driver wraps a call into the page and measures the
 * renderer's CPU time around it.
 */
export type Measure = (client: ClientName, setup: RunSetup) => Promise<DispatchRun>

/** One line of the dispatch report: msgs/s of each client (medians), and the ratios. */
export interface DispatchResult {
  variant: string
  phoenixMedian: number
  wirestateMedian: number
  /**
   * The median of each round's wirestate / phoenix ratio: the two runs of a round are
   * back to back, so a slow spell of the machine weighs on both sides of a ratio.
   */
  ratio: number
  /** The ratio of the best rounds (other processes can only slow a round down). */
  bestRatio: number
  /** floor / phoenix.js, per round as `ratio`: the most any client could reach. */
  floorRatio: number
}

/** The joined-channel counts measured: dispatch must not depend on how many there are. */
export const CHANNEL_COUNTS: readonly number[] = [1, 100]

const ORDER: readonly ClientName[] = ['phoenix', 'wirestate', 'floor']

/** How frames reach the socket in each report section. */
export const DELIVERY_MODES: ReadonlyArray<{ perTask: number; label: string }> = [
  { perTask: 100, label: '100 frames per task, as a busy socket delivers them' },
  { perTask: Number.POSITIVE_INFINITY, label: 'all frames in one task (worst case for batching)' },
]

/**
 * Measures in this process with the runners: frames are built once per count, outside
 * the timed region.
 */
export function measureHere(): Measure {
  const built = new Map<number, string[]>()
  return (client, { withAtom, perTask, channels, count }) => {
    let frames = built.get(count)
    if (!frames) {
      frames = chatFrames(count)
      built.set(count, frames)
    }
    return RUNNERS[client](frames, withAtom, perTask, channels)
  }
}

/**
 * Runs the clients on the same frames, rotating which goes first in each round, for
 * each handler kind and joined-channel count. The figure is the median of the rounds'
 * ratios; the ratio of the best rounds is printed too.
 */
export async function benchDispatch(
  measure: Measure,
  count: number,
  rounds: number,
  perTask: number,
): Promise<DispatchResult[]> {
  // Warm both clients up (JIT) so the first variant measured is not the cold one.
  for (const withAtom of [false, true]) {
    for (const client of ORDER) {
      await measure(client, { withAtom, perTask, channels: 100, count: 20_000 })
    }
  }
  const results: DispatchResult[] = []
  for (const channels of CHANNEL_COUNTS) {
    for (const withAtom of [false, true]) {
      const rates = { phoenix: [] as number[], wirestate: [] as number[], floor: [] as number[] }
      for (let r = 0; r < rounds; r++) {
        const order = [...ORDER.slice(r % ORDER.length), ...ORDER.slice(0, r % ORDER.length)]
        for (const client of order) {
          const run = await measure(client, { withAtom, perTask, channels, count })
          if (run.handled !== count) {
            throw new Error(`${client} handled ${run.handled} of ${count} frames`)
          }
          rates[client].push(count / (run.ms / 1000))
        }
      }
      const handler = withAtom ? 'on() + subscribed atom' : 'one on() handler'
      results.push({
        variant: `${channels} joined, ${handler}`,
        phoenixMedian: median(rates.phoenix),
        wirestateMedian: median(rates.wirestate),
        ratio: median(rates.wirestate.map((w, r) => w / (rates.phoenix[r] as number))),
        bestRatio: Math.max(...rates.wirestate) / Math.max(...rates.phoenix),
        floorRatio: median(rates.floor.map((f, r) => f / (rates.phoenix[r] as number))),
      })
    }
  }
  return results
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length / 2
  return sorted.length % 2
    ? (sorted[Math.floor(mid)] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** Runs every delivery mode and returns the report as text. */
export async function dispatchReport(
  where: string,
  count: number,
  rounds: number,
  measure: Measure = measureHere(),
  clock: string = CLOCK,
): Promise<string> {
  const sections = [
    `dispatch (${where}, ${clock}): ${count.toLocaleString('en')} broadcast frames of ~200 ` +
      `bytes, medians of ${rounds} rounds (ratio: median of the rounds' wirestate / phoenix.js; best ` +
      `rounds' in brackets; floor: the least a client can do / phoenix.js, the most any client can reach)`,
  ]
  for (const mode of DELIVERY_MODES) {
    sections.push(
      ` ${mode.label}:`,
      formatDispatch(await benchDispatch(measure, count, rounds, mode.perTask)),
    )
  }
  return sections.join('\n')
}

function formatDispatch(results: DispatchResult[]): string {
  const fmt = (n: number) => `${Math.round(n).toLocaleString('en')} msgs/s`.padStart(16)
  return results
    .map(
      (r) =>
        `  ${r.variant.padEnd(36)} phoenix ${fmt(r.phoenixMedian)}   wirestate ${fmt(r.wirestateMedian)}` +
        `   ratio ${r.ratio.toFixed(2)}x (best ${r.bestRatio.toFixed(2)}x)` +
        `   floor ${r.floorRatio.toFixed(2)}x`,
    )
    .join('\n')
}
