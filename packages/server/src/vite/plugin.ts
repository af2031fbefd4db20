import type { Plugin } from 'vite'
import type { SocketReload, WirestateViteOptions } from './plugin-options.ts'
import { SocketHost } from './socket-host.ts'

/**
 * What the plugin offers tools and tests beside its hooks.
 *
 * @example
 * ```ts
 * const off = plugin.api.onReload(({ file, error }) => console.log(file, error))
 * off()
 * ```
 */
export interface WirestatePluginApi {
  /** Calls `listener` after each reload of the socket module, failed or not; returns the unsubscribe. */
  onReload(listener: (reload: SocketReload) => void): () => void
}

/**
 * A Vite plugin, with {@link WirestatePluginApi} as its `api`.
 *
 * @example
 * ```ts
 * const plugin: WirestatePlugin = wirestate({ socket: './server/socket.ts' })
 * ```
 */
export interface WirestatePlugin extends Plugin {
  api: WirestatePluginApi
}

/**
 * Serves `@wirestate/server` on Vite's own HTTP server, in `vite dev` and `vite preview`:
 * WebSocket upgrades of `/socket/websocket` (Vite's HMR socket is left alone), with the
 * routes of a socket module loaded through Vite's module graph. Editing that module, or
 * a file it imports, applies from the next event on: connected clients stay connected,
 * joined and present. The broker outlives config reloads. Production runs the same
 * socket module with `createServer` (see the README).
 *
 * @example
 * ```ts
 * // vite.config.ts
 * import { wirestate } from '@wirestate/server/vite'
 * import { defineConfig } from 'vite'
 *
 * export default defineConfig({
 *   plugins: [wirestate({ socket: './server/socket.ts' })],
 * })
 * // the page: createClient({ url: `ws://${location.host}/socket/websocket` })
 * ```
 */
export function wirestate(options: WirestateViteOptions): WirestatePlugin {
  const listeners = new Set<(reload: SocketReload) => void>()
  const reported = (reload: SocketReload) => {
    for (const listener of [...listeners]) listener(reload)
  }
  // A config file makes a new plugin object per Vite server, but an inline config (a
  // server made in code) hands the same one to the server a restart makes: the new
  // server's host starts before the old one's `closeServer`. The host to close is then
  // the oldest whose HTTP server no longer listens.
  const hosts: SocketHost[] = []
  const closeOne = async () => {
    const host = hosts.find((candidate) => !candidate.listening) ?? hosts[0]
    if (!host) return
    hosts.splice(hosts.indexOf(host), 1)
    await host.close()
  }
  return {
    name: 'wirestate',
    async configureServer(server) {
      hosts.push(await SocketHost.dev(server, options, reported))
    },
    async configurePreviewServer(server) {
      hosts.push(await SocketHost.preview(server, options))
    },
    hotUpdate({ file }) {
      for (const host of hosts) if (host.environment === this.environment) host.fileChanged(file)
    },
    closeServer: closeOne,
    closePreviewServer: closeOne,
    api: {
      onReload(listener) {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    },
  }
}
