import {
  type Presence,
  type PresenceOptions,
  presence as presenceOf,
} from '@wirestate/core/presence'
import { getClient } from './client-context.ts'
import { serverSafe } from './server-render.ts'

/**
 * Phoenix presence of `topic` (core's `presence`): `$members` and `$count` join while
 * subscribed; `onJoin`, `onLeave`, `update`.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { presence } from '@wirestate/svelte'
 *   const room = presence('room:42', { meta: { nick: 'ann' } })
 *   const members = $derived(room.$members)
 * </script>
 * <ul>{#each [...$members.values()] as member (member.id)}<li>{member.id}</li>{/each}</ul>
 * ```
 */
export function presence(topic: string, options?: PresenceOptions): Presence {
  return serverSafe(presenceOf(getClient().channel(topic), options))
}
