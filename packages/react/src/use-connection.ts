import { useStore } from '@nanostores/react'
import type { ConnectionStatus } from '@wirestate/core'
import { useClient } from './provider.tsx'

/**
 * The client's connection: `{ status }` with `status` one of `idle`, `connecting`,
 * `connected`, `reconnecting`, or `disconnected` with a `reason` (and `attempt`,
 * `lastClose` while connecting). Reading it connects nothing; on the server it is
 * `{ status: 'idle' }`.
 *
 * @example
 * ```tsx
 * function StatusBadge() {
 *   const connection = useConnection()
 *   return <span className={`badge ${connection.status}`}>{connection.status}</span>
 * }
 * ```
 */
export function useConnection(): ConnectionStatus {
  return useStore(useClient().$status, { ssr: 'initial' })
}

/**
 * The old name of {@link useConnection} (`useConnectionStatus().status` read twice).
 *
 * @deprecated Use `useConnection()`.
 * @example
 * ```tsx
 * const { status } = useConnectionStatus()
 * ```
 */
export const useConnectionStatus: () => ConnectionStatus = useConnection
