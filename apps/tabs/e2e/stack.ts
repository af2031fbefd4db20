// The stack each spec runs against: @wirestate/server in this process on a free port of
// 127.0.0.1 (so a spec reads the server's own counts), and the pages of `pages/` on a real
// Vite dev server, also on a free port. @wirestate/core is the built package (dist), as an
// app installing it gets it: the SharedWorker is the module the package ships.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserContext, Page } from '@playwright/test'
import { chatRoute, createServer, silentLogger, type WirestateServer } from '@wirestate/server'
import {
  build,
  createServer as createVite,
  type PreviewServer,
  preview,
  type ViteDevServer,
} from 'vite'
import { freePort } from '../../../free-port.ts'

export const PAGES = fileURLToPath(new URL('../pages', import.meta.url))

/** What the server saw: sockets opened, and joins and their ends per topic. */
export class ServerCounts {
  /** Sockets authenticated (one per WebSocket), with the params each came with. */
  readonly sockets: Record<string, string>[] = []
  readonly joins = new Map<string, number>()
  readonly ends = new Map<string, number>()

  /** Joins of the topic not ended yet. */
  joined(topic: string): number {
    return (this.joins.get(topic) ?? 0) - (this.ends.get(topic) ?? 0)
  }

  count(map: Map<string, number>, topic: string): void {
    map.set(topic, (map.get(topic) ?? 0) + 1)
  }
}

export interface Stack {
  server: WirestateServer<{ id: string }>
  counts: ServerCounts
  /** The page URL for a tab of `user` on this connection `mode`. */
  url(user: string, mode: 'worker' | 'leader' | 'own', extra?: string): string
  stop(): Promise<void>
}

/** Starts the server and the Vite dev server (or serves `vite` when given: a preview). */
export async function startStack(vite?: { listen(): Promise<string>; close(): Promise<void> }) {
  const counts = new ServerCounts()
  const join = (topic: string) => void counts.count(counts.joins, topic)
  const terminate = ({ topic }: { topic: string }) => void counts.count(counts.ends, topic)
  const server = createServer<{ id: string }>({
    port: 0,
    logger: silentLogger,
    authenticate: (params) => {
      counts.sockets.push({ ...params })
      return params.user ? { id: params.user } : null
    },
    channels: {
      'room:*': chatRoute({ join, terminate }),
      'feed:*': { join, terminate, stream: { maxLength: 10_000 } },
    },
  })
  await server.start()
  const app = vite ?? (await viteDevServer())
  const origin = await app.listen()
  const ws = `ws://127.0.0.1:${server.port}/socket/websocket`
  return {
    server,
    counts,
    url: (user: string, mode: string, extra = '') =>
      `${origin}/?server=${encodeURIComponent(ws)}&user=${user}&mode=${mode}${extra}`,
    async stop() {
      await app.close()
      await server.stop()
    },
  } satisfies Stack
}

/** The pages built by `vite build` (into a temporary directory) and served by `vite preview`. */
export async function vitePreview() {
  const outDir = await mkdtemp(join(tmpdir(), 'wirestate-tabs-'))
  await build({
    root: PAGES,
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  })
  const port = await freePort()
  let server: PreviewServer | undefined
  return {
    outDir,
    async listen() {
      server = await preview({
        root: PAGES,
        configFile: false,
        logLevel: 'warn',
        build: { outDir },
        preview: { host: '127.0.0.1', port, strictPort: true },
      })
      return `http://127.0.0.1:${port}`
    },
    async close() {
      await server?.close()
      await rm(outDir, { recursive: true, force: true })
    },
  }
}

async function viteDevServer() {
  const port = await freePort()
  let dev: ViteDevServer | undefined
  return {
    async listen() {
      dev = await createVite({
        root: PAGES,
        configFile: false,
        logLevel: 'warn',
        server: { host: '127.0.0.1', port, strictPort: true, hmr: false, watch: null },
      })
      await dev.listen()
      return `http://127.0.0.1:${port}`
    },
    close: async () => dev?.close(),
  }
}

/** Opens `count` tabs of one browser context at `url`, each connected. */
export async function openTabs(context: BrowserContext, url: string, count: number) {
  const pages: Page[] = []
  for (let i = 0; i < count; i++) {
    const page = await context.newPage()
    await page.goto(url)
    pages.push(page)
  }
  return pages
}
