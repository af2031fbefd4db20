import { existsSync } from 'node:fs'
import type { Server as HttpServer } from 'node:http'
import { relative, resolve } from 'node:path'
import type { DevEnvironment, PreviewServer, ResolvedConfig, ViteDevServer } from 'vite'
import type { WirestateServer } from '../server.ts'
import { HostedSocket } from './hosted-socket.ts'
import type { SocketReload, WirestateViteOptions } from './plugin-options.ts'
import { DevSocketLoader, loadSocketOnce } from './socket-loader.ts'

/**
 * One Vite server's share of the hosted socket: the `WirestateServer` on its HTTP
 * server and, in development, the loader that reloads the socket module when one of
 * its files changes. Made by the plugin's `configureServer` / `configurePreviewServer`,
 * closed by `closeServer` / `closePreviewServer`.
 *
 * @example
 * ```ts
 * const host = await SocketHost.dev(viteServer, options, (reload) => console.log(reload))
 * host.fileChanged('/app/server/socket.ts')
 * await host.close()
 * ```
 */
export class SocketHost {
  #config: ResolvedConfig
  #hosted: HostedSocket
  #http: HttpServer
  #server: WirestateServer
  #loader: DevSocketLoader | null
  #reported: (reload: SocketReload) => void
  #reloads: Promise<void> = Promise.resolve()
  #closed = false

  private constructor(
    config: ResolvedConfig,
    hosted: HostedSocket,
    http: HttpServer,
    server: WirestateServer,
    loader: DevSocketLoader | null,
    reported: (reload: SocketReload) => void,
  ) {
    this.#config = config
    this.#hosted = hosted
    this.#http = http
    this.#server = server
    this.#loader = loader
    this.#reported = reported
  }

  /**
   * Serves the socket on the dev server. A socket module that fails to load is
   * reported and the socket serves what it served before (nothing, on a first start)
   * until an edit fixes it.
   */
  static async dev(
    vite: ViteDevServer,
    options: WirestateViteOptions,
    reported: (reload: SocketReload) => void,
  ): Promise<SocketHost> {
    const { config } = vite
    const file = socketFile(config, options)
    const hosted = await HostedSocket.acquire(config.root, options)
    const loader = new DevSocketLoader(vite.environments.ssr, file)
    try {
      hosted.use(await loader.load())
    } catch (error) {
      report(config, file, error)
    }
    const http = httpServerOf(vite.httpServer)
    const server = await hosted.attach(http, options)
    return new SocketHost(config, hosted, http, server, loader, reported)
  }

  /** Serves the socket on the preview server; a socket module that fails to load throws. */
  static async preview(preview: PreviewServer, options: WirestateViteOptions): Promise<SocketHost> {
    const { config } = preview
    const file = socketFile(config, options)
    const hosted = await HostedSocket.acquire(config.root, options)
    try {
      hosted.use(await loadSocketOnce(config, file))
      const http = httpServerOf(preview.httpServer)
      const server = await hosted.attach(http, options)
      return new SocketHost(config, hosted, http, server, null, () => {})
    } catch (error) {
      await hosted.release()
      throw error
    }
  }

  /** The environment whose file changes concern this host (none in preview). */
  get environment(): DevEnvironment | undefined {
    return this.#loader?.environment
  }

  /** Whether its Vite server's HTTP server listens (not yet, or no longer: `false`). */
  get listening(): boolean {
    return this.#http.listening
  }

  /** A file changed: loads the socket module again if it was built from that file. */
  fileChanged(file: string): void {
    const loader = this.#loader
    if (this.#closed || !loader?.covers(file)) return
    const seenAt = performance.now()
    this.#reloads = this.#reloads.then(() => this.#reload(loader, file, seenAt))
  }

  /**
   * Stops serving on this Vite server and lets go of the hosted socket. A reload still
   * loading is not waited for (Vite has closed the environment it loads from): what it
   * loads is dropped.
   */
  async close(): Promise<void> {
    this.#closed = true
    await this.#hosted.detach(this.#server)
    await this.#loader?.close()
    await this.#hosted.release()
  }

  async #reload(loader: DevSocketLoader, file: string, seenAt: number): Promise<void> {
    if (this.#closed) return
    try {
      const socket = await loader.reload(file)
      if (this.#closed) return
      this.#hosted.use(socket)
      this.#config.logger.info(`[wirestate] socket reloaded (${this.#shortName(file)})`, {
        timestamp: true,
      })
      this.#reported({ file, seenAt })
    } catch (error) {
      if (this.#closed) return
      report(this.#config, file, error)
      this.#reported({ file, seenAt, error })
    }
  }

  #shortName(file: string): string {
    return relative(this.#config.root, file)
  }
}

function socketFile(config: ResolvedConfig, options: WirestateViteOptions): string {
  const file = resolve(config.root, options.socket)
  if (!existsSync(file)) {
    throw new Error(
      `[wirestate] the socket module ${options.socket} is not there (looked for ${file}, from Vite's root)`,
    )
  }
  return file
}

// Vite's server is an http.Server, or an HTTP/2 server taking HTTP/1.1 (with TLS):
// both emit 'upgrade' as http.Server does, which is all the socket needs.
function httpServerOf(server: ViteDevServer['httpServer']): HttpServer {
  if (!server) {
    throw new Error(
      '[wirestate] Vite runs in middleware mode (no HTTP server of its own): attach createServer({ server }) from @wirestate/server to your HTTP server instead',
    )
  }
  return server as HttpServer
}

function report(config: ResolvedConfig, file: string, error: unknown): void {
  const where = relative(config.root, file)
  const message = error instanceof Error ? error.message : String(error)
  config.logger.error(
    `[wirestate] ${where} could not be loaded; the socket keeps its routes: ${message}`,
    {
      timestamp: true,
      error: error instanceof Error ? error : null,
    },
  )
}
