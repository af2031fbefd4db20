import { useStore } from '@nanostores/vue'
import {
  type Members,
  type MetaFields,
  type Presence,
  type PresenceOptions,
  presence,
} from '@wirestate/core/presence'
import type { ShallowRef } from 'vue'
import { useClient } from './use-client.ts'

/**
 * What {@link usePresence} returns; `Meta` types each connection's meta fields.
 *
 * @example
 * ```ts
 * const { members, count, update }: UsePresenceResult<{ status: string }> = usePresence('room:42')
 * ```
 */
export interface UsePresenceResult<Meta extends MetaFields = Record<string, unknown>> {
  /** Members by key, each with one meta per connection (a read-only `Map`). */
  members: Readonly<ShallowRef<Members<Meta>>>
  /** How many members are present. */
  count: Readonly<ShallowRef<number>>
  /** Sets our own meta (pushed now and sent with every later join). */
  update: Presence<Meta>['update']
}

/**
 * Phoenix presence of a channel as refs; `Meta` types the meta fields. Joins the channel
 * while the component uses it (a server render shows no one and joins nothing). `options`
 * (our own meta, the leave delay) are read once per channel. `members` works through Vue's
 * read-only proxies (development builds): each `Members` view is frozen, so Vue leaves it
 * as it is.
 *
 * @example
 * ```vue
 * <script setup lang="ts">
 * import { usePresence } from '@wirestate/vue'
 * const { members, count } = usePresence<{ nick: string }>('room:42', { meta: { nick: 'ann' } })
 * </script>
 * <template>
 *   <h2>{{ count }} online</h2>
 *   <ul><li v-for="[id, member] of members" :key="id">{{ member.metas[0]?.nick }}</li></ul>
 * </template>
 * ```
 */
export function usePresence<Meta extends MetaFields = Record<string, unknown>>(
  topic: string,
  options?: PresenceOptions<Meta>,
): UsePresenceResult<Meta> {
  const p = presence<Meta>(useClient().channel(topic), options)
  return {
    // Typed as core's own: DeepReadonly<Members> would drop `version`.
    members: useStore(p.$members) as unknown as Readonly<ShallowRef<Members<Meta>>>,
    count: useStore(p.$count) as Readonly<ShallowRef<number>>,
    update: p.update,
  }
}
