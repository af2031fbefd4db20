import type { Client } from '@wirestate/core'
import { inject } from 'vue'
import { clientKey } from './plugin.ts'

/**
 * The client the {@link wirestate} plugin provided. Call it in `setup` (as every
 * composable here); it throws when no client was provided.
 *
 * @example
 * ```ts
 * const client = useClient()
 * onMounted(() => client.connect())
 * ```
 */
export function useClient(): Client {
  const client = inject(clientKey, null)
  if (!client) {
    throw new Error('wirestate: no client; app.use(wirestate, { client })')
  }
  return client
}
