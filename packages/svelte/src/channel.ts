import type { Channel, ChannelOptions } from '@wirestate/core'
import { getClient } from './client-context.ts'
import { serverSafe } from './server-render.ts'

/**
 * The channel of `topic` (core's `Channel`): its `$state` store joins while subscribed,
 * `push` sends, `on` listens to one event. A server render gets its state as it is and
 * joins nothing.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { channel } from '@wirestate/svelte'
 *   const room = channel('room:42', { params: { nick: 'ann' } })
 *   const joinState = $derived(room.$state)
 *   $effect(() => room.on('new_msg', (msg) => console.log(msg)))
 * </script>
 * <button disabled={$joinState.status !== 'joined'} onclick={() => room.push('ping', {})}>
 *   Ping
 * </button>
 * ```
 */
export function channel(topic: string, options?: ChannelOptions): Channel {
  return serverSafe(getClient().channel(topic, options))
}
