// bench/dispatch in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): pnpm --filter @wirestate/bench dispatch:browser [--frames 200000 --rounds 7]
// The benchmark is bundled with Vite (production mode, from the libraries' src/). Each run is
// one call into the page, timed by the renderer's CPU time (CDP Performance.getMetrics,
// ThreadTime), so other processes on a shared machine do not count against either client.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { build, defaultClientConditions } from 'vite'
import { chromiumLaunchOptions } from '../../chromium.ts'
import { benchArgs } from '../cli-args.ts'
import { dispatchReport, type Measure } from './bench.ts'
import type { DispatchRun } from './run-phoenix.ts'

const { values } = parseArgs({
  args: benchArgs(),
  options: {
    frames: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '7' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
})
if (!existsSync(values.chromium)) {
  console.error(
    `no Chromium at ${values.chromium}: apt-get install -y chromium (or pass --chromium PATH)`,
  )
  process.exit(1)
}

const result = await build({
  configFile: false,
  logLevel: 'warn',
  mode: 'production',
  define: { 'process.env.NODE_ENV': '"production"' },
  resolve: { conditions: ['@wirestate/source', ...defaultClientConditions] },
  build: {
    write: false,
    minify: true,
    target: 'es2022',
    lib: {
      entry: fileURLToPath(new URL('./browser-entry.ts', import.meta.url)),
      formats: ['iife'],
      name: 'bench',
    },
  },
})
const output = (Array.isArray(result) ? result[0] : result) as {
  output: Array<{ type: string; code?: string }>
}
const code = output.output.find((o) => o.type === 'chunk')?.code ?? ''

const browser = await chromium.launch({ ...chromiumLaunchOptions, executablePath: values.chromium })
try {
  const page = await browser.newPage()
  // A real origin (about:blank has no storage, which the clients may touch); the
  // page is served from memory, nothing leaves the machine.
  await page.route('http://bench.local/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><script>${code.replaceAll('</script', '<\\/script')}</script>`,
    }),
  )
  await page.goto('http://bench.local/')
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  const cpuSeconds = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    return metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN
  }
  const measure: Measure = async (client, setup) => {
    const before = await cpuSeconds()
    const run = await page.evaluate(
      ([c, s]) =>
        (globalThis as unknown as { runDispatch: Measure }).runDispatch(
          c,
          s,
        ) as Promise<DispatchRun>,
      [client, setup] as const,
    )
    return { ...run, ms: ((await cpuSeconds()) - before) * 1000 }
  }
  const where = (await browser.version()).replace(/^/, 'Chromium ')
  const report = await dispatchReport(
    where,
    Number(values.frames),
    Number(values.rounds),
    measure,
    'renderer main-thread CPU time',
  )
  console.log(report)
} finally {
  await browser.close()
}
