import {
  type Members,
  type Presence,
  type PresenceOptions,
  presence,
} from '@wirestate/core/presence'
import type { ShallowRef } from 'vue'
import { useAtom } from './use-atom.ts'
import { useClient } from './use-client.ts'

/**
 * What {@link usePresence} returns.
 *
 * @example
 * ```ts
 * const { members, count, update }: UsePresenceResult = usePresence('room:42')
 * ```
 */
export interface UsePresenceResult {
  /** Members by key, each with one meta per connection (a read-only `Map`). */
  members: Readonly<ShallowRef<Members>>
  /** How many members are present. */
  count: Readonly<ShallowRef<number>>
  /** Sets our own meta (pushed now and sent with every later join). */
  update: Presence['update']
}

/**
 * Phoenix presence of a channel as refs; joins the channel while the component is
 * mounted (a server render shows no one). `options` (our own meta, the leave delay) are read once per channel.
 *
 * @example
 * ```vue
 * <script setup lang="ts">
 * import { usePresence } from '@wirestate/vue'
 * const { members, count } = usePresence('room:42', { meta: { nick: 'ann' } })
 * </script>
 * <template>
 *   <h2>{{ count }} online</h2>
 *   <ul><li v-for="[id] of members" :key="id">{{ id }}</li></ul>
 * </template>
 * ```
 */
export function usePresence(topic: string, options?: PresenceOptions): UsePresenceResult {
  const p = presence(useClient().channel(topic), options)
  return {
    members: useAtom(p.$members),
    count: useAtom(p.$count),
    update: p.update,
  }
}
