import { readdirSync, readFileSync, writeFileSync } from 'node:fs'

// Clock ticks per second of /proc/<pid>/stat's utime and stime (`getconf CLK_TCK`: 100 on
// Linux everywhere we run).
const CLOCK_TICKS_PER_S = 100

/**
 * CPU time a process has used, read from /proc: `statMs` from /proc/<pid>/stat
 * (utime + stime of every thread, dead ones included, in 10 ms ticks) and `ns` from
 * /proc/<pid>/task/<tid>/schedstat summed over its threads (time on a CPU, in ns): the
 * same figure, fine enough for a phase of a few hundred ms.
 *
 * @example
 * ```ts
 * const before = cpuOf(child.pid)
 * // ... the phase ...
 * const usedMs = (cpuOf(child.pid).ns - before.ns) / 1e6
 * ```
 */
export function cpuOf(pid: number): { ns: number; statMs: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name (which may hold spaces), from field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  let ns = 0
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0])
    } catch {
      // The thread ended between listing and reading: its time is in statMs only.
    }
  }
  return { ns, statMs: (ticks * 1000) / CLOCK_TICKS_PER_S }
}

/**
 * A process's resident memory now and at its peak (VmRSS, VmHWM), in KiB.
 *
 * @example
 * ```ts
 * const { rssKb, peakKb } = memoryOf(child.pid)
 * ```
 */
export function memoryOf(pid: number): { rssKb: number; peakKb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1])
  return { rssKb: field('VmRSS'), peakKb: field('VmHWM') }
}

/**
 * Starts a new peak: the process's VmHWM becomes its RSS now (writing 5 to clear_refs),
 * so the next `memoryOf(pid).peakKb` is the peak of what follows.
 *
 * @example
 * ```ts
 * resetPeakOf(child.pid)
 * ```
 */
export function resetPeakOf(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5')
}
