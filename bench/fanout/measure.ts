import { type ChildProcess, spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'
import type { LoadPlan, PhaseRequest, PhaseResult } from './load-generator.ts'
import { cpuOf, memoryOf, resetPeakOf } from './proc-stats.ts'
import type { ServerKind } from './server-process.ts'
import { TOPIC } from './wirestate-server.ts'

/** One run of one server at one size. */
export interface RunPlan {
  server: ServerKind
  subscribers: number
  /** Messages of the flat-out phase (all pushed at once); 0 skips it. */
  flatMessages: number
  /** Messages of the fixed-rate phase, and its rate (per second); 0 messages skips it. */
  rateMessages: number
  rate: number
  /** Pin the server and the load generator to cores 0 and 1 (`taskset`). */
  pin: boolean
}

/** What one phase cost the server and what the subscribers saw. */
export interface PhaseFigures extends PhaseResult {
  /** Server CPU per delivery, in µs (/proc, every thread). */
  cpuPerDeliveryUs: number
  /** The server's peak RSS during the phase, MiB. */
  peakRssMiB: number
  /**
   * @wirestate/server only: the most bytes ever waiting for clients (in the flat-out
   * phase, the last, the run's peak: that phase's), and how often reads paused in the phase.
   */
  peakWaitingMiB: number | null
  pauses: number | null
}

/** One run's figures. */
export interface RunFigures {
  /** RSS and heap growth per idle joined connection (the second half's), KiB. */
  idleRssKiB: number
  idleHeapKiB: number
  flat: PhaseFigures | null
  rate: PhaseFigures | null
}

/** Whether `taskset` runs here (two cores or more needed to pin apart). */
export async function pinningAvailable(): Promise<boolean> {
  if (availableParallelism() < 2) return false
  const probe = spawn('taskset', ['-c', '0', 'true'])
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false))
    probe.once('exit', (code) => resolve(code === 0))
  })
}

function startChild(script: string, args: string[], core: number | null): ChildProcess {
  const node = [
    '--expose-gc',
    '--conditions=@wirestate/source',
    new URL(script, import.meta.url).pathname,
    ...args,
  ]
  const [command, argv] =
    core === null
      ? [process.execPath, node]
      : ['taskset', ['-c', String(core), process.execPath, ...node]]
  // taskset execs node in place: the child's pid is the server's, and the IPC channel passes.
  return spawn(command, argv, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
}

function next(child: ChildProcess, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return
      child.off('message', onMessage)
      child.off('exit', onExit)
      resolve(message)
    }
    const onExit = (code: number | null) =>
      reject(new Error(`child exited (${code}) before ${type}`))
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}

async function ask(child: ChildProcess, type: string): Promise<Record<string, unknown>> {
  const reply = next(child, type)
  child.send({ type })
  return reply
}

async function stop(child: ChildProcess, message: object): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.send(message)
  await exited
}

/**
 * Runs one server: starts it (pinned to core 0), measures its RSS and heap before and
 * after the load generator (pinned to core 1) joins `subscribers` idle connections, then
 * the fixed-rate phase and the flat-out phase, each with the server's CPU and peak RSS.
 */
export async function measureRun(plan: RunPlan): Promise<RunFigures> {
  const server = startChild('./server-process.ts', [plan.server], plan.pin ? 0 : null)
  const { url } = (await next(server, 'ready')) as { url: string }
  const pid = server.pid as number
  let clients: ChildProcess | null = null
  try {
    const load: LoadPlan = { url, subscribers: plan.subscribers, topic: TOPIC }
    clients = startChild('./load-generator.ts', [JSON.stringify(load)], plan.pin ? 1 : null)
    const ready = next(clients, 'ready')
    const { connections: first } = (await next(clients, 'half')) as { connections: number }
    const heapBefore = (await ask(server, 'gc')).heapUsed as number
    const rssBefore = memoryOf(pid).rssKb
    clients.send({ type: 'continue' })
    await ready
    const heapAfter = (await ask(server, 'gc')).heapUsed as number
    const added = plan.subscribers + 1 - first
    const idle = {
      idleRssKiB: (memoryOf(pid).rssKb - rssBefore) / added,
      idleHeapKiB: (heapAfter - heapBefore) / 1024 / added,
    }
    // The steady rate first, then the burst: a burst's garbage is still being collected
    // for seconds after it, which would be counted against the rate phase.
    const rate =
      plan.rateMessages > 0
        ? await phase(server, clients, plan, { messages: plan.rateMessages, rate: plan.rate })
        : null
    const flat =
      plan.flatMessages > 0
        ? await phase(server, clients, plan, { messages: plan.flatMessages, rate: 0 })
        : null
    return { ...idle, flat, rate }
  } finally {
    if (clients) await stop(clients, { type: 'close' })
    await stop(server, { type: 'stop' })
  }
}

async function phase(
  server: ChildProcess,
  clients: ChildProcess,
  plan: RunPlan,
  request: Omit<PhaseRequest, 'type'>,
): Promise<PhaseFigures> {
  const pid = server.pid as number
  const statsBefore = await serverStats(server)
  resetPeakOf(pid)
  const cpuBefore = cpuOf(pid)
  const reply = next(clients, 'result')
  clients.send({ type: 'phase', ...request })
  const { result } = (await reply) as unknown as { result: PhaseResult }
  const cpuAfter = cpuOf(pid)
  const { peakKb } = memoryOf(pid)
  const stats = await serverStats(server)
  // The publisher is a member too: the server delivers to subscribers + 1 sockets.
  const deliveries = request.messages * (plan.subscribers + 1)
  const pauses = stats && statsBefore ? stats.pauses - statsBefore.pauses : null
  return {
    ...result,
    cpuPerDeliveryUs: (cpuAfter.ns - cpuBefore.ns) / 1000 / deliveries,
    peakRssMiB: peakKb / 1024,
    peakWaitingMiB: stats ? stats.peakWaitingBytes / 2 ** 20 : null,
    pauses,
  }
}

interface OutboundStatsReply {
  peakWaitingBytes: number
  pauses: number
}

async function serverStats(server: ChildProcess): Promise<OutboundStatsReply | null> {
  return ((await ask(server, 'stats')).stats as OutboundStatsReply | null) ?? null
}
