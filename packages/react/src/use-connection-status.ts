import type { ConnectionStatus } from '@wirestate/core'
import { useClient } from './provider.tsx'
import { useAtom } from './use-atom.ts'

/**
 * The client's connection status: `{ status }` with `status` one of `idle`, `connecting`,
 * `connected`, `reconnecting`, or `disconnected` with a `reason`. Reading it connects
 * nothing; on the server it is `{ status: 'idle' }`.
 *
 * @example
 * ```tsx
 * function StatusBadge() {
 *   const { status } = useConnectionStatus()
 *   return <span className={`badge ${status}`}>{status}</span>
 * }
 * ```
 */
export function useConnectionStatus(): ConnectionStatus {
  return useAtom(useClient().$status)
}
