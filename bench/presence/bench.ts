import { CLOCK } from '../stopwatch.ts'
import { presenceFrames } from './frames.ts'
import { type PresenceRun, runPhoenix } from './run-phoenix.ts'
import { runWirestate, type WirestateMode } from './run-wirestate.ts'

/** Frames per event-loop task, as a busy socket delivers them. */
const PER_TASK = 100

/** The wirestate variants measured against the same phoenix runs. */
const VARIANTS: ReadonlyArray<{ label: string; mode: WirestateMode }> = [
  {
    label: 'a flush per frame, read $members on every change',
    mode: { reader: 'read', perFrameFlush: true },
  },
  {
    label: 'a flush per frame, build the member array on every change',
    mode: { reader: 'list', perFrameFlush: true },
  },
  {
    label: 'the default 16 ms notify window, build the member array per notification',
    mode: { reader: 'list', perFrameFlush: false },
  },
]

/** One variant of the report: diffs per second, best round of each (phoenix is shared). */
export interface PresenceResult {
  label: string
  phoenix: number
  wirestate: number
  phoenixMedian: number
  wirestateMedian: number
  /** Notifications of the subscriber in wirestate's best round (phoenix: one per diff). */
  notifications: number
}

/**
 * Runs phoenix.js's Presence (list() on every sync) and wirestate's presence on the
 * same frames in the same process, alternating which goes first, and keeps the best
 * diffs/s of each (other processes can only slow a round down; medians are kept too).
 * Each run checks that the runner ends with the expected members.
 */
export async function benchPresence(
  members: number,
  diffs: number,
  rounds: number,
): Promise<PresenceResult[]> {
  const frames = presenceFrames(members, diffs)
  const check = (name: string, run: PresenceRun) => {
    if (
      run.members.length !== frames.expected.length ||
      run.members.some((m, i) => m !== frames.expected[i])
    )
      throw new Error(`${name} did not end with the expected members`)
    return diffs / (run.ms / 1000)
  }
  const warm = presenceFrames(members, 2_000)
  await runPhoenix(warm, PER_TASK)
  for (const v of VARIANTS) await runWirestate(warm, PER_TASK, v.mode)

  // phoenix's run is the same for every variant, and long (list() of the whole room on
  // every sync): it runs once per round and every variant is compared with it.
  const phoenix: number[] = []
  const rates = VARIANTS.map(() => ({ all: [] as number[], best: 0, notifications: 0 }))
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) phoenix.push(check('phoenix', await runPhoenix(frames, PER_TASK)))
    for (const [i, { mode }] of VARIANTS.entries()) {
      const run = await runWirestate(frames, PER_TASK, mode)
      const rate = check('wirestate', run)
      const v = rates[i] as (typeof rates)[number]
      v.all.push(rate)
      if (rate > v.best) Object.assign(v, { best: rate, notifications: run.notifications })
    }
    if (r % 2 === 1) phoenix.push(check('phoenix', await runPhoenix(frames, PER_TASK)))
  }
  return VARIANTS.map(({ label }, i) => {
    const v = rates[i] as (typeof rates)[number]
    return {
      label,
      phoenix: Math.max(...phoenix),
      wirestate: v.best,
      phoenixMedian: median(phoenix),
      wirestateMedian: median(v.all),
      notifications: v.notifications,
    }
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/** The report as text. */
export function formatPresence(
  where: string,
  members: number,
  diffs: number,
  rounds: number,
  results: PresenceResult[],
): string {
  const n = (x: number) => Math.round(x).toLocaleString('en')
  const lines = [
    `presence (${where}, ${CLOCK}): a ${n(members)}-member presence_state, then ${n(diffs)} single-member diffs, ${PER_TASK} frames per task, best of ${rounds} rounds (median in brackets)`,
    ` phoenix.js Presence, list() on every onSync: ${n(results[0]?.phoenix ?? 0)} diffs/s (${n(results[0]?.phoenixMedian ?? 0)}), ${n(diffs)} syncs`,
    ' wirestate presence(), $members subscribed:',
  ]
  for (const r of results) {
    lines.push(
      `  ${r.label}:`,
      `    ${n(r.wirestate).padStart(12)} diffs/s  (${n(r.wirestateMedian)})  ${n(r.notifications)} notifications`,
      `    ${(r.wirestate / r.phoenix).toFixed(1)}x phoenix  (medians ${(r.wirestateMedian / r.phoenixMedian).toFixed(1)}x)`,
    )
  }
  return lines.join('\n')
}
