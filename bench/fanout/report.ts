import type { PhaseFigures, RunFigures } from './measure.ts'

/** Every run of one size: round i of each list ran in the same round. */
export interface SizeResults {
  subscribers: number
  naive: RunFigures[]
  wirestate: RunFigures[]
  /** @wirestate/server with presence tracked, idle only. */
  presence: RunFigures[]
}

/** One figure: how to read it from a run, its unit, and the issue's aim for the ratio. */
interface Metric {
  name: string
  unit: string
  read(run: RunFigures): number
  /** wirestate / naive must be at most this. */
  aim?: number
}

const flat = (run: RunFigures) => run.flat as PhaseFigures
const rate = (run: RunFigures) => run.rate as PhaseFigures

const METRICS: Metric[] = [
  { name: 'CPU/delivery flat out', unit: 'µs', read: (r) => flat(r).cpuPerDeliveryUs, aim: 0.5 },
  { name: 'CPU/delivery at rate', unit: 'µs', read: (r) => rate(r).cpuPerDeliveryUs, aim: 1.0 },
  { name: 'p50 at rate', unit: 'ms', read: (r) => rate(r).p50Ms },
  { name: 'p99 at rate', unit: 'ms', read: (r) => rate(r).p99Ms, aim: 1.2 },
  { name: 'first delivery p50', unit: 'ms', read: (r) => rate(r).firstP50Ms },
  { name: 'first delivery p99', unit: 'ms', read: (r) => rate(r).firstP99Ms },
  {
    name: 'peak RSS',
    unit: 'MiB',
    read: (r) => Math.max(flat(r).peakRssMiB, rate(r).peakRssMiB),
    aim: 2,
  },
  { name: 'RSS/idle joined conn', unit: 'KiB', read: (r) => r.idleRssKiB, aim: 1.2 },
  { name: 'heap/idle joined conn', unit: 'KiB', read: (r) => r.idleHeapKiB },
  {
    name: 'deliveries/s flat out',
    unit: 'k/s',
    read: (r) => flat(r).received / flat(r).elapsedMs,
  },
]

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

// "median (min–max)" with a precision that suits the figure.
function spread(list: number[]): string {
  const digits = Math.abs(median(list)) >= 100 ? 0 : Math.abs(median(list)) >= 10 ? 1 : 2
  const f = (n: number) => n.toFixed(digits)
  return `${f(median(list))} (${f(Math.min(...list))}–${f(Math.max(...list))})`
}

/**
 * The table of one size: per metric the median and range of each server over the
 * rounds, and the median and range of the per-round ratio, against the issue's aim;
 * then lost / duplicated / out-of-order totals, the bound's figures, and presence.
 *
 * @example
 * ```ts
 * console.log(formatSize(results))
 * ```
 */
export function formatSize(results: SizeResults): string {
  const { subscribers, naive, wirestate, presence } = results
  const lines = [
    `N = ${subscribers} subscribers, ${naive.length} rounds: median (min–max)`,
    `  ${'figure'.padEnd(28)}${'naive ws loop'.padEnd(26)}${'@wirestate/server'.padEnd(26)}ratio          aim`,
  ]
  for (const metric of METRICS) {
    const [n, w] = [naive.map(metric.read), wirestate.map(metric.read)]
    const ratios = w.map((value, i) => value / (n[i] as number))
    const verdict =
      metric.aim === undefined
        ? ''
        : median(ratios) <= metric.aim
          ? `≤ ${metric.aim} ✓`
          : `≤ ${metric.aim} ✗`
    lines.push(
      `  ${`${metric.name} (${metric.unit})`.padEnd(28)}${spread(n).padEnd(26)}${spread(w).padEnd(26)}` +
        `${spread(ratios).padEnd(15)}${verdict}`,
    )
  }
  for (const [name, runs] of [
    ['naive', naive],
    ['wirestate', wirestate],
  ] as const) {
    const phases = runs
      .flatMap((r) => [r.flat, r.rate])
      .filter((p): p is PhaseFigures => p !== null)
    const sum = (key: 'lost' | 'duplicated' | 'outOfOrder') =>
      phases.reduce((s, p) => s + p[key], 0)
    const expected = phases.reduce((s, p) => s + p.expected, 0)
    lines.push(
      `  ${name}: ${expected} deliveries expected, lost ${sum('lost')}, duplicated ${sum('duplicated')}, out of order ${sum('outOfOrder')}`,
    )
  }
  const waiting = wirestate.map((r) => flat(r).peakWaitingMiB ?? 0)
  const pauses = wirestate.map((r) => flat(r).pauses ?? 0)
  lines.push(
    `  wirestate flat out: peak bytes waiting for clients ${spread(waiting)} MiB, reads paused ${spread(pauses)} times`,
  )
  const withPresence = presence.map((r) => r.idleRssKiB)
  const ratios = withPresence.map((value, i) => value / (naive[i] as RunFigures).idleRssKiB)
  lines.push(
    `  with presence tracked: RSS/idle joined conn ${spread(withPresence)} KiB, ${spread(ratios)}x naive; ` +
      `heap ${spread(presence.map((r) => r.idleHeapKiB))} KiB`,
  )
  return lines.join('\n')
}
