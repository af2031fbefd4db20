// bench/shared: what a tab costs when its tabs share one socket (`sharedConnection()`, the
// socket in a SharedWorker) against a tab with a socket of its own, while 1 000 messages a
// second flow on a stream topic every tab follows. Measured in Chromium, the same way for a
// page and for the worker: CPU as V8 profiler samples of the thread (idle left out), memory as
// the JS heap in use after a full GC. Own-socket and shared rounds alternate in one run.
//   pnpm --filter @wirestate/bench shared [--tabs 4 --seconds 10 --rate 1000 --rounds 3]
// BENCH_TOP=1 also prints each thread's hottest functions.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createServer, silentLogger } from '@wirestate/server'
import { chromium } from 'playwright-core'
import { build, defaultClientConditions, preview } from 'vite'
import { chromiumLaunchOptions } from '../../chromium.ts'
import { freePort } from '../../free-port.ts'
import { benchArgs } from '../cli-args.ts'
import { connectCdp, sample, type Usage } from './cdp.ts'

const { values } = parseArgs({
  args: benchArgs(),
  options: {
    tabs: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
})
const TABS = Number(values.tabs)
const SECONDS = Number(values.seconds)
const RATE = Number(values.rate)
if (!existsSync(values.chromium)) {
  console.error(
    `no Chromium at ${values.chromium}: apt-get install -y chromium (or pass --chromium PATH)`,
  )
  process.exit(1)
}

type Mode = 'own' | 'shared'
interface Round {
  mode: Mode
  /** ms from navigation to joined: the first tab, then the mean of the others. */
  firstJoinMs: number
  laterJoinMs: number
  tabs: Usage[]
  worker: Usage | undefined
  /** Messages each tab got in the window, as a share of those sent. */
  delivered: number
}

const server = createServer({
  port: 0,
  logger: silentLogger,
  channels: { 'feed:*': { stream: { maxLength: 2_000 } } },
})
await server.start()
const root = fileURLToPath(new URL('.', import.meta.url))
const outDir = await mkdtemp(join(tmpdir(), 'bench-shared-'))
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  mode: 'production',
  resolve: { conditions: ['@wirestate/source', ...defaultClientConditions] },
  build: { outDir, emptyOutDir: true, target: 'es2022' },
})
const site = await preview({
  root,
  configFile: false,
  logLevel: 'warn',
  build: { outDir },
  preview: { host: '127.0.0.1', port: await freePort(), strictPort: true },
})
const origin = String(site.resolvedUrls?.local[0]).replace(/\/$/, '')
const debugPort = await freePort()
const browser = await chromium.launch({
  ...chromiumLaunchOptions,
  executablePath: values.chromium,
  args: [...chromiumLaunchOptions.args, `--remote-debugging-port=${debugPort}`],
})
const { webSocketDebuggerUrl } = (await (
  await fetch(`http://127.0.0.1:${debugPort}/json/version`)
).json()) as { webSocketDebuggerUrl: string }
const cdp = await connectCdp(webSocketDebuggerUrl)

try {
  const rounds: Round[] = []
  for (let r = 0; r < Number(values.rounds); r++) {
    for (const mode of ['own', 'shared'] as const) rounds.push(await measure(mode))
  }
  console.log(report(rounds, (await browser.version()).replace(/^/, 'Chromium ')))
} finally {
  cdp.close()
  await browser.close()
  await site.close()
  await server.stop()
  await rm(outDir, { recursive: true, force: true })
}

/** One round: TABS tabs in a new context, messages flowing, one window measured. */
async function measure(mode: Mode): Promise<Round> {
  const context = await browser.newContext()
  const ws = `ws://127.0.0.1:${server.port}/socket/websocket`
  const pages = []
  const joinMs: number[] = []
  for (let i = 0; i < TABS; i++) {
    const page = await context.newPage()
    await page.goto(`${origin}/?mode=${mode}&server=${encodeURIComponent(ws)}`)
    joinMs.push(await page.evaluate(() => window.bench.joined))
    pages.push(page)
  }
  const later = joinMs.slice(1)
  const laterJoinMs = later.reduce((a, b) => a + b, 0) / Math.max(1, later.length)
  const flow = startFlow()
  await new Promise((resolve) => setTimeout(resolve, 2_000)) // warm up
  const { targetInfos } = await cdp.send<{ targetInfos: { targetId: string; type: string }[] }>(
    'Target.getTargets',
  )
  const attach = async (type: string) => {
    const ids = targetInfos.filter((t) => t.type === type).map((t) => t.targetId)
    return Promise.all(
      ids.map(async (targetId) => {
        const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
          targetId,
          flatten: true,
        })
        return sessionId
      }),
    )
  }
  const tabSessions = await attach('page')
  const workerSessions = await attach('shared_worker')
  const stops = await Promise.all([...tabSessions, ...workerSessions].map((s) => sample(cdp, s)))
  const before = await Promise.all(pages.map((p) => p.evaluate(() => window.bench.count())))
  const sentBefore = flow.sent()
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1_000))
  const usage = await Promise.all(stops.map((stop) => stop()))
  const after = await Promise.all(pages.map((p) => p.evaluate(() => window.bench.count())))
  const sent = flow.sent() - sentBefore
  flow.stop()
  for (const s of [...tabSessions, ...workerSessions])
    await cdp.send('Target.detachFromTarget', { sessionId: s })
  await context.close()
  const got = Math.min(...after.map((n, i) => n - (before[i] as number)))
  const firstJoinMs = joinMs[0] as number
  return {
    mode,
    firstJoinMs,
    laterJoinMs,
    tabs: usage.slice(0, TABS),
    worker: usage[TABS],
    delivered: got / sent,
  }
}

/** The server broadcasts RATE messages a second, ten at a time, until stopped. */
function startFlow(): { sent(): number; stop(): void } {
  let sent = 0
  const timer = setInterval(() => {
    for (let i = 0; i < RATE / 100; i++)
      void server.broadcast('feed:bench', 'tick', { n: ++sent, at: Date.now() })
  }, 10)
  return { sent: () => sent, stop: () => clearInterval(timer) }
}

function report(rounds: Round[], where: string): string {
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
  const per = (mode: Mode) => {
    const of = rounds.filter((r) => r.mode === mode)
    const mean = (us: Usage[], key: keyof Usage) => us.reduce((s, u) => s + u[key], 0) / us.length
    return {
      tabCpu: median(of.map((r) => mean(r.tabs, 'busyMs') / SECONDS)),
      tabHeap: median(of.map((r) => mean(r.tabs, 'heapBytes'))),
      workerCpu: median(of.map((r) => (r.worker?.busyMs ?? 0) / SECONDS)),
      workerHeap: median(of.map((r) => r.worker?.heapBytes ?? 0)),
      delivered: Math.min(...of.map((r) => r.delivered)),
      firstJoin: median(of.map((r) => r.firstJoinMs)),
      laterJoin: median(of.map((r) => r.laterJoinMs)),
    }
  }
  const own = per('own')
  const shared = per('shared')
  const mb = (b: number) => `${(b / 1_048_576).toFixed(2)} MB`
  const ms = (x: number) => `${x.toFixed(1)} ms/s`
  const total = (p: typeof own, key: 'Cpu' | 'Heap') => TABS * p[`tab${key}`] + p[`worker${key}`]
  const lines = [
    `bench/shared — ${where}, ${TABS} tab${TABS === 1 ? '' : 's'}, ${RATE} messages/s on one stream topic, ${SECONDS} s windows, median of ${values.rounds} rounds`,
    `CPU: V8 profiler samples of each thread (idle left out), ms of CPU per second; heap: JS heap in use after a full GC`,
    '',
    '| | own socket per tab | shared (SharedWorker) | shared / own |',
    '|---|---|---|---|',
    `| one tab: CPU | ${ms(own.tabCpu)} | ${ms(shared.tabCpu)} | ${(shared.tabCpu / own.tabCpu).toFixed(2)} |`,
    `| one tab: JS heap | ${mb(own.tabHeap)} | ${mb(shared.tabHeap)} | ${(shared.tabHeap / own.tabHeap).toFixed(2)} |`,
    `| the worker: CPU / JS heap | — | ${ms(shared.workerCpu)} / ${mb(shared.workerHeap)} | |`,
    `| all ${TABS} (+ the worker): CPU | ${ms(total(own, 'Cpu'))} | ${ms(total(shared, 'Cpu'))} | ${(total(shared, 'Cpu') / total(own, 'Cpu')).toFixed(2)} |`,
    `| all ${TABS} (+ the worker): JS heap | ${mb(total(own, 'Heap'))} | ${mb(total(shared, 'Heap'))} | ${(total(shared, 'Heap') / total(own, 'Heap')).toFixed(2)} |`,
    `| sockets to the server | ${TABS} | 1 | |`,
    `| first tab: page start to joined | ${own.firstJoin.toFixed(0)} ms | ${shared.firstJoin.toFixed(0)} ms | ${(shared.firstJoin / own.firstJoin).toFixed(2)} |`,
    ...(TABS > 1
      ? [
          `| next tabs: page start to joined | ${own.laterJoin.toFixed(0)} ms | ${shared.laterJoin.toFixed(0)} ms | ${(shared.laterJoin / own.laterJoin).toFixed(2)} |`,
        ]
      : []),
    '',
    `Every tab got ${(Math.min(own.delivered, shared.delivered) * 100).toFixed(1)} % or more of the messages sent in each window (own ${(own.delivered * 100).toFixed(1)} %, shared ${(shared.delivered * 100).toFixed(1)} %).`,
  ]
  return lines.join('\n')
}
