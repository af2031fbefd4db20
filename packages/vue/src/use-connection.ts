import { useStore } from '@nanostores/vue'
import type { ConnectionStatus } from '@wirestate/core'
import type { ShallowRef } from 'vue'
import { useClient } from './use-client.ts'

/**
 * The client's connection as a ref: `{ status }`, one of `idle`, `connecting`,
 * `connected`, `reconnecting`, or `disconnected` with a `reason`. Reading it does not
 * connect; on the server it is `{ status: 'idle' }`.
 *
 * @example
 * ```vue
 * <script setup lang="ts">
 * import { useConnection } from '@wirestate/vue'
 * const connection = useConnection()
 * </script>
 * <template><span :data-status="connection.status">{{ connection.status }}</span></template>
 * ```
 */
export function useConnection(): Readonly<ShallowRef<ConnectionStatus>> {
  return useStore(useClient().$status) as Readonly<ShallowRef<ConnectionStatus>>
}

/**
 * The old name of {@link useConnection}.
 *
 * @deprecated Use `useConnection()`.
 * @example
 * ```ts
 * const status = useConnectionStatus()
 * ```
 */
export const useConnectionStatus: () => Readonly<ShallowRef<ConnectionStatus>> = useConnection
