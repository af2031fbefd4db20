import type { Client } from '@wirestate/core'
import type { App, InjectionKey } from 'vue'

/**
 * Options of the {@link wirestate} plugin.
 *
 * @example
 * ```ts
 * const options: WirestateOptions = { client: createClient({ url }) }
 * ```
 */
export interface WirestateOptions {
  /** The client every composable of the app uses. */
  client: Client
}

/**
 * Where the plugin provides the client; `useClient()` injects it. `provide(clientKey, other)`
 * in a component gives its subtree another client.
 *
 * @example
 * ```ts
 * provide(clientKey, createClient({ url: 'wss://admin.example.com/socket/websocket' }))
 * ```
 */
export const clientKey: InjectionKey<Client> = Symbol('wirestate client')

/**
 * The Vue plugin: provides a `@wirestate/core` client to every component of the app.
 * Creating the client opens nothing; the socket connects when the first channel joins,
 * so the same setup is safe in a server render.
 *
 * @example
 * ```ts
 * import { createClient } from '@wirestate/core'
 * import { wirestate } from '@wirestate/vue'
 * import { createApp } from 'vue'
 *
 * const client = createClient({ url: 'wss://example.com/socket/websocket' })
 * createApp(App).use(wirestate, { client }).mount('#app')
 * ```
 */
export const wirestate: { install(app: App, options: WirestateOptions): void } = {
  // Without a client, `useClient()` throws and says how to install the plugin.
  install(app, options) {
    app.provide(clientKey, options?.client)
  },
}
