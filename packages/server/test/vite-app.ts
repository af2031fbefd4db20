import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import {
  createServer,
  defaultServerConditions,
  type InlineConfig,
  type PreviewServer,
  preview,
  type ViteDevServer,
} from 'vite'
import { freePort } from '../../../free-port.ts'
import type { SocketReload, WirestatePlugin, WirestateViteOptions } from '../src/vite/index.ts'
import { wirestate } from '../src/vite/index.ts'

// Inside the repository, so the app's `import ... from '@wirestate/server'` resolves as an
// app's would (the root links the workspace packages); git and Biome ignore the folder.
const APPS = fileURLToPath(new URL('../.vite-apps/', import.meta.url))
const WATCHER_THROTTLE_MS = 60

/**
 * A throwaway Vite app for the plugin's tests: its files in a folder of its own, a dev
 * or preview server on a free port of 127.0.0.1 with the plugin serving `socket.ts`.
 *
 * @example
 * ```ts
 * const app = await ViteApp.create({ 'socket.ts': 'export default { channels: {} }' })
 * const dev = await app.dev()
 * await app.edit('socket.ts', changed) // resolves once the plugin has reloaded it
 * await dev.close(); await app.remove()
 * ```
 */
export class ViteApp {
  readonly root: string
  #plugin: WirestatePlugin | null = null
  #written = new Map<string, number>()

  private constructor(root: string) {
    this.root = root
  }

  static async create(files: Readonly<Record<string, string>>): Promise<ViteApp> {
    await mkdir(APPS, { recursive: true })
    const app = new ViteApp(await mkdtemp(join(APPS, 'app-')))
    for (const [name, text] of Object.entries(files)) await app.write(name, text)
    return app
  }

  /** Writes a file of the app; `starting` gets the time just before the bytes go out. */
  async write(name: string, text: string, starting?: (at: number) => void): Promise<void> {
    const file = join(this.root, name)
    // Vite's watcher (chokidar) drops a change within 50 ms of the previous one to the
    // same file, with nothing after it: an editor never saves that fast, a test may.
    const since = performance.now() - (this.#written.get(file) ?? Number.NEGATIVE_INFINITY)
    if (since < WATCHER_THROTTLE_MS) await delay(WATCHER_THROTTLE_MS - since)
    await mkdir(dirname(file), { recursive: true })
    starting?.(performance.now())
    await writeFile(file, text)
    this.#written.set(file, performance.now())
  }

  /**
   * Writes `name` and resolves to the first reload that succeeded and read it: one whose
   * change the plugin saw once the write had begun. A reload of an earlier write does
   * not count; failed reloads that read it (a half-written file) are counted in `failed`.
   */
  async edit(name: string, text: string): Promise<{ reload: SocketReload; failed: number }> {
    const plugin = this.#plugin
    if (!plugin) throw new Error('no dev server running')
    let failed = 0
    let writing = Number.POSITIVE_INFINITY
    const reloaded = new Promise<SocketReload>((resolve) => {
      const off = plugin.api.onReload((reload) => {
        if (reload.seenAt < writing) return
        if (reload.error !== undefined) return void failed++
        off()
        resolve(reload)
      })
    })
    await this.write(name, text, (at) => {
      writing = at
    })
    return { reload: await reloaded, failed }
  }

  /** Resolves to the next reload, failed or not (write the file after calling this). */
  nextReload(): Promise<SocketReload> {
    const plugin = this.#plugin
    if (!plugin) throw new Error('no dev server running')
    return new Promise((resolve) => {
      const off = plugin.api.onReload((reload) => {
        off()
        resolve(reload)
      })
    })
  }

  /** A dev server (`vite dev`) with the plugin on `socket.ts`. */
  async dev(options: Partial<WirestateViteOptions> = {}): Promise<ServedApp<ViteDevServer>> {
    // A port of its own rather than 0: a restart listens again on the configured port.
    const config = this.#config(options)
    config.server = { ...config.server, port: await freePort() }
    const server = await createServer(config)
    await server.listen()
    return served(server)
  }

  /** A preview server (`vite preview`) with the plugin on `socket.ts`. */
  async preview(options: Partial<WirestateViteOptions> = {}): Promise<ServedApp<PreviewServer>> {
    return served(await preview(this.#config(options)))
  }

  remove(): Promise<void> {
    return rm(this.root, { recursive: true, force: true })
  }

  #config(options: Partial<WirestateViteOptions>): InlineConfig {
    this.#plugin = wirestate({ socket: './socket.ts', ...options })
    return {
      root: this.root,
      configFile: false,
      logLevel: process.env.VITE_APP_LOG ? 'info' : 'silent',
      cacheDir: join(this.root, '.vite'),
      plugins: [this.#plugin],
      ssr: { resolve: { conditions: ['@wirestate/source', ...defaultServerConditions] } },
      server: { host: '127.0.0.1', port: 0, strictPort: true },
      preview: { host: '127.0.0.1', port: 0, strictPort: true },
    }
  }
}

/**
 * A running server of a {@link ViteApp}, with the URL of its socket.
 *
 * @example
 * ```ts
 * const alice = await FeatureSocket.connect(dev.socketUrl, 'alice')
 * ```
 */
export interface ServedApp<Server> {
  readonly server: Server
  readonly port: number
  /** `ws://127.0.0.1:<port>/socket/websocket` */
  readonly socketUrl: string
  close(): Promise<void>
}

function served<Server extends ViteDevServer | PreviewServer>(server: Server): ServedApp<Server> {
  const address = server.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('the Vite server is not listening')
  const { port } = address
  return {
    server,
    port,
    socketUrl: `ws://127.0.0.1:${port}/socket/websocket`,
    close: () => server.close(),
  }
}
