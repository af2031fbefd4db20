import type { Client } from '@wirestate/core'
import { getContext, setContext } from 'svelte'

const key = Symbol('wirestate client')

/**
 * Gives `client` to this component and its descendants (Svelte context); returns it.
 * Call it while a component initialises, usually in the root layout. Creating the client
 * opens nothing: the socket connects when the first channel joins.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { createClient } from '@wirestate/core'
 *   import { setClient } from '@wirestate/svelte'
 *   let { children } = $props()
 *   setClient(createClient({ url: 'wss://example.com/socket/websocket' }))
 * </script>
 * {@render children()}
 * ```
 */
export function setClient(client: Client): Client {
  return setContext(key, client)
}

/**
 * The client an ancestor gave with {@link setClient}. Call it while a component
 * initialises; it throws when no ancestor set one.
 *
 * @example
 * ```ts
 * const client = getClient()
 * ```
 */
export function getClient(): Client {
  const client = getContext<Client | undefined>(key)
  if (!client) throw new Error('wirestate: no client; call setClient(client) in a parent component')
  return client
}

/**
 * A Svelte context holding `client`, for `mount()` and Testing Library's `render()`,
 * which take a component's context from outside: the same as an ancestor calling
 * {@link setClient}.
 *
 * @example
 * ```ts
 * mount(App, { target: document.body, context: clientContext(client) })
 * render(WhoIsHere, { props: { room: 'room:lobby' }, context: clientContext(client) }) // a test
 * ```
 */
export function clientContext(client: Client): Map<symbol, Client> {
  return new Map([[key, client]])
}
