import type { Client } from '@wirestate/core'
import { getClient } from './client-context.ts'
import { serverSafeStore } from './server-render.ts'

/**
 * The socket's status store: `{ status }`, one of `idle`, `connecting`, `connected`,
 * `reconnecting`, or `disconnected` with a `reason`. Subscribing does not connect.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { connectionStatus } from '@wirestate/svelte'
 *   const status = connectionStatus()
 * </script>
 * <span class={$status.status}>{$status.status}</span>
 * ```
 */
export function connectionStatus(): Client['$status'] {
  return serverSafeStore(getClient().$status)
}
