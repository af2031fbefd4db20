import type { Client } from '@wirestate/core'
import { getClient } from './client-context.ts'

/**
 * The client's connection store (`client.$status`): `{ status }`, one of `idle`,
 * `connecting`, `connected`, `reconnecting`, or `disconnected` with a `reason`.
 * Subscribing does not connect.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { connection } from '@wirestate/svelte'
 *   const socket = connection()
 * </script>
 * <span class={$socket.status}>{$socket.status}</span>
 * ```
 */
export function connection(): Client['$status'] {
  return getClient().$status
}

/**
 * The old name of {@link connection}.
 *
 * @deprecated Use `connection()`.
 * @example
 * ```ts
 * const status = connectionStatus()
 * ```
 */
export const connectionStatus: () => Client['$status'] = connection
