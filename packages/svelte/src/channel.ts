import type { Channel, ChannelEvents, ChannelOptions, UnknownEvents } from '@wirestate/core'
import { getClient } from './client-context.ts'

/**
 * The channel of `topic` (core's `Channel`, typed by the event map `E`): its `$state`
 * store joins while subscribed, `push` sends, `on` listens to one event. A server render
 * reads `$state` as it is and joins nothing (a read is no subscriber in core).
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { channel } from '@wirestate/svelte'
 *   interface RoomEvents {
 *     receive: { new_msg: { body: string } }
 *     push: { ping: { payload: { at: number }; reply: { pong: number } } }
 *   }
 *   let { topic }: { topic: string } = $props()
 *   const room = $derived(channel<RoomEvents>(topic, { params: { nick: 'ann' } }))
 *   const joinState = $derived(room.$state)
 *   $effect(() => room.on('new_msg', (msg) => console.log(msg.body)))
 * </script>
 * <button disabled={$joinState.status !== 'joined'} onclick={() => room.push('ping', { at: Date.now() })}>
 *   Ping
 * </button>
 * ```
 */
export function channel<E extends ChannelEvents = UnknownEvents>(
  topic: string,
  options?: ChannelOptions,
): Channel<E> {
  return getClient().channel<E>(topic, options)
}
