import type { ConnectionStatus } from '@wirestate/core'
import type { ShallowRef } from 'vue'
import { useAtom } from './use-atom.ts'
import { useClient } from './use-client.ts'

/**
 * The socket's status as a ref: `{ status }`, one of `idle`, `connecting`, `connected`,
 * `reconnecting`, or `disconnected` with a `reason`. Reading it does not connect.
 *
 * @example
 * ```vue
 * <script setup lang="ts">
 * import { useConnectionStatus } from '@wirestate/vue'
 * const status = useConnectionStatus()
 * </script>
 * <template><span :data-status="status.status">{{ status.status }}</span></template>
 * ```
 */
export function useConnectionStatus(): Readonly<ShallowRef<ConnectionStatus>> {
  return useAtom(useClient().$status)
}
