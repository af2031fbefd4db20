import type { Client } from '@wirestate/core'
import { type Context, createContext, type ReactNode, useContext } from 'react'

/**
 * The client of the nearest `WirestateProvider`, or `undefined` outside one (the devtools
 * wrapper reads it to make its `client` prop optional). Internal: not in the package index.
 *
 * @example
 * ```ts
 * const client = useContext(ClientContext) // undefined outside a provider
 * ```
 */
export const ClientContext: Context<Client | undefined> = createContext<Client | undefined>(
  undefined,
)

/**
 * Props of {@link WirestateProvider}.
 *
 * @example
 * ```tsx
 * const props: WirestateProviderProps = { client, children: <App /> }
 * ```
 */
export interface WirestateProviderProps {
  /** The client from `createClient`; create it once, outside render. */
  client: Client
  children?: ReactNode
}

/**
 * Gives the components below it a wirestate client. It connects nothing: the socket opens
 * when the first component subscribes to a channel (and never on the server).
 *
 * @example
 * ```tsx
 * import { createClient } from '@wirestate/core'
 * import { WirestateProvider } from '@wirestate/react'
 *
 * const client = createClient({ url: 'wss://example.com/socket/websocket' })
 *
 * createRoot(root).render(
 *   <WirestateProvider client={client}>
 *     <App />
 *   </WirestateProvider>,
 * )
 * ```
 */
export function WirestateProvider({ client, children }: WirestateProviderProps): ReactNode {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>
}

/**
 * The client of the nearest `WirestateProvider`. Throws when there is none.
 *
 * @example
 * ```tsx
 * function Disconnect() {
 *   const client = useClient()
 *   return <button onClick={() => client.disconnect()}>Go offline</button>
 * }
 * ```
 */
export function useClient(): Client {
  const client = useContext(ClientContext)
  if (!client) {
    throw new Error(
      'wirestate: no client; render this component inside <WirestateProvider client={client}>',
    )
  }
  return client
}
