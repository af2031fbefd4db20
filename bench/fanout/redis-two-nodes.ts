// bench/fanout with two nodes on Redis: a publisher on node A pushes at a steady
// rate (50 msg/s by default) to a topic whose subscribers sit on node B. For each
// way node B can get a topic's messages from Redis, measured in the same run
// (rounds interleaved, medians reported):
//   pubsub  the pub/sub path (a pubsub route: SPUBLISH, delivered as it arrives) —
//           what stream delivery was before it became gap-free
//   stream  the gap-free stream path in use: sharded pub/sub + a per-topic seq
//           cursor, XRANGE catch-up only when something was missed
//   xread   the other candidate (prototype): a blocking XREAD per node over its topics
// Figures: node B's CPU per message and per delivery (its process.cpuUsage()),
// delivery latency p50/p99 (push sent → frame received), Redis commands node B
// issued per message to get them (XREAD, XRANGE, HMGET), deliveries lost.
//   pnpm --filter @wirestate/bench fanout:redis [-- --subscribers 100 --messages 500 --rate 50 --rounds 3]
import { type ChildProcess, fork } from 'node:child_process'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import { Redis } from 'ioredis'
import { benchArgs } from '../cli-args.ts'
import type { LatencyPlan, LatencyResult } from './latency-clients.ts'
import type { DeliveryMode } from './redis-node.ts'
import { startRedisProcess } from './redis-process.ts'

const { values } = parseArgs({
  args: benchArgs(),
  options: {
    subscribers: { type: 'string', default: '100' },
    messages: { type: 'string', default: '500' },
    rate: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
  },
})
const MODES: DeliveryMode[] = ['pubsub', 'stream', 'xread']
const DELIVERY_COMMANDS = ['xread', 'xrange', 'hmget']

/** One mode's figures in one round. */
export interface RoundFigures {
  cpuPerMessageUs: number
  cpuPerDeliveryUs: number
  p50Ms: number
  p99Ms: number
  commandsPerMessage: number
  lost: number
}

/** Runs every mode `rounds` times against one fresh redis-server. */
export async function measureTwoNodes(options: {
  subscribers: number
  messages: number
  rate: number
  rounds: number
}): Promise<Record<DeliveryMode, RoundFigures[]>> {
  const redis = await startRedisProcess()
  const inspector = new Redis(redis.url)
  const figures: Record<string, RoundFigures[]> = {}
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const mode of MODES) {
        const result = await measureOnce(mode, redis.url, inspector, options, `b${round}${mode}:`)
        figures[mode] = [...(figures[mode] ?? []), result]
      }
    }
  } finally {
    inspector.disconnect()
    await redis.stop()
  }
  return figures as Record<DeliveryMode, RoundFigures[]>
}

async function measureOnce(
  mode: DeliveryMode,
  redisUrl: string,
  inspector: Redis,
  options: { subscribers: number; messages: number; rate: number },
  prefix: string,
): Promise<RoundFigures> {
  const publishing = await startNode(mode === 'pubsub' ? 'pubsub' : 'stream', redisUrl, prefix)
  const subscribing = await startNode(mode, redisUrl, prefix)
  const plan: LatencyPlan = {
    publisherUrl: publishing.url,
    subscriberUrl: subscribing.url,
    subscribers: options.subscribers,
    topic: 'bench:redis',
    rate: options.rate,
    messages: options.messages,
  }
  const clients = new Worker(new URL('./latency-clients.ts', import.meta.url), { workerData: plan })
  try {
    await next(clients, 'ready')
    const [cpuBefore, commandsBefore] = [await cpu(subscribing.child), await commands(inspector)]
    clients.postMessage({ type: 'run' })
    const { result } = (await next(clients, 'result')) as { result: LatencyResult }
    const [cpuAfter, commandsAfter] = [await cpu(subscribing.child), await commands(inspector)]
    const used = cpuAfter - cpuBefore
    const at = (q: number) => result.latencies[Math.floor(q * (result.latencies.length - 1))] ?? NaN
    return {
      cpuPerMessageUs: used / options.messages,
      cpuPerDeliveryUs: used / result.expected,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      commandsPerMessage: (commandsAfter - commandsBefore) / options.messages,
      lost: result.expected - result.received,
    }
  } finally {
    clients.postMessage({ type: 'close' })
    await clients.terminate()
    await Promise.all([stopNode(publishing.child), stopNode(subscribing.child)])
  }
}

async function startNode(mode: DeliveryMode, redisUrl: string, prefix: string) {
  const child = fork(
    new URL('./redis-node.ts', import.meta.url),
    [JSON.stringify({ mode, redisUrl, prefix })],
    { execArgv: ['--conditions=@wirestate/source'] },
  )
  const { url } = (await next(child, 'ready')) as { url: string }
  return { child, url }
}

async function stopNode(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.send({ type: 'stop' })
  await exited
}

async function cpu(child: ChildProcess): Promise<number> {
  const reply = next(child, 'cpu')
  child.send({ type: 'cpu' })
  return ((await reply) as { micros: number }).micros
}

// Calls of the commands a node issues to read a topic's messages, Redis-wide.
async function commands(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats')
  let calls = 0
  for (const name of DELIVERY_COMMANDS) {
    calls += Number(new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(info)?.[1] ?? 0)
  }
  return calls
}

function next(from: ChildProcess | Worker, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return
      from.off('message', onMessage)
      resolve(message)
    }
    from.on('message', onMessage)
    from.once('error', reject)
  })
}

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

if (import.meta.main) {
  const options = {
    subscribers: Number(values.subscribers),
    messages: Number(values.messages),
    rate: Number(values.rate),
    rounds: Number(values.rounds),
  }
  const figures = await measureTwoNodes(options)
  const { subscribers, messages, rate, rounds } = options
  console.log(
    `fanout on Redis, two nodes: ${subscribers} subscribers on node B, ${messages} messages at ${rate}/s from node A, median of ${rounds} rounds`,
  )
  console.log('  path     CPU/msg   CPU/delivery   p50      p99      Redis cmds/msg  lost')
  const row = (mode: DeliveryMode) => {
    const list = figures[mode]
    const m = (key: keyof RoundFigures) => median(list.map((f) => f[key]))
    return {
      cpu: m('cpuPerMessageUs'),
      p99: m('p99Ms'),
      line: [
        mode.padEnd(7),
        `${m('cpuPerMessageUs').toFixed(0).padStart(6)} µs`,
        `${m('cpuPerDeliveryUs').toFixed(2).padStart(8)} µs`,
        `${m('p50Ms').toFixed(2).padStart(6)} ms`,
        `${m('p99Ms').toFixed(2).padStart(6)} ms`,
        `${m('commandsPerMessage').toFixed(2).padStart(8)}`,
        `${list.reduce((sum, f) => sum + f.lost, 0)}`.padStart(9),
      ].join('  '),
    }
  }
  const rows = Object.fromEntries(MODES.map((mode) => [mode, row(mode)]))
  for (const mode of MODES) console.log(`  ${rows[mode]?.line}`)
  const base = rows.pubsub as { cpu: number; p99: number }
  for (const mode of ['stream', 'xread'] as const) {
    const r = rows[mode] as { cpu: number; p99: number }
    console.log(
      `  ${mode} / pubsub: CPU ${(r.cpu / base.cpu).toFixed(2)}x, p99 ${(r.p99 / base.p99).toFixed(2)}x`,
    )
  }
  // p99 on a shared machine is the worst 1% of messages: one stall of any process
  // moves it. Every round is shown so a reader can see the spread.
  for (const mode of MODES) {
    const p99s = figures[mode].map((f) => f.p99Ms.toFixed(1)).join(', ')
    console.log(`  ${mode.padEnd(7)} p99 per round: ${p99s} ms`)
  }
}
