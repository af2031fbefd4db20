import {
  type MetaFields,
  type Presence,
  type PresenceOptions,
  presence as presenceOf,
} from '@wirestate/core/presence'
import { getClient } from './client-context.ts'

/**
 * Phoenix presence of `topic` (core's `presence`, metas typed by `Meta`): `$members` and
 * `$count` join while subscribed; `onJoin`, `onLeave`, `update`.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { presence } from '@wirestate/svelte'
 *   let { topic }: { topic: string } = $props()
 *   const members = $derived(presence<{ nick: string }>(topic, { meta: { nick: 'ann' } }).$members)
 * </script>
 * <ul>{#each [...$members.values()] as member (member.id)}<li>{member.metas[0]?.nick}</li>{/each}</ul>
 * ```
 */
export function presence<Meta extends MetaFields = Record<string, unknown>>(
  topic: string,
  options?: PresenceOptions<Meta>,
): Presence<Meta> {
  return presenceOf<Meta>(getClient().channel(topic), options)
}
