type CpuUsage = () => { user: number; system: number }

/** Node's `process.cpuUsage`, or `undefined` in a browser. */
const cpuUsage = (globalThis as { process?: { cpuUsage?: CpuUsage } }).process?.cpuUsage

/**
 * Starts a stopwatch; calling the result gives the ms since. In Node it counts the
 * process's CPU time (user + system), so time that other processes take on a shared
 * machine does not count against whichever client runs then; browsers have no such clock,
 * so there it is wall time (`performance.now()`). Both clients of a run use the same one.
 */
export function startStopwatch(): () => number {
  if (!cpuUsage) {
    const start = performance.now()
    return () => performance.now() - start
  }
  const cpu = () => {
    const { user, system } = cpuUsage.call(process)
    return (user + system) / 1000
  }
  const start = cpu()
  return () => cpu() - start
}

/** Which clock `startStopwatch` uses here, for the report. */
export const CLOCK: string = cpuUsage ? 'process CPU time' : 'wall time'
