import type { Channel, ChannelOptions, ChannelState, MessageListener } from '@wirestate/core'
import type { ShallowRef } from 'vue'
import { useAtom } from './use-atom.ts'
import { useClient } from './use-client.ts'
import { useSubscription } from './use-subscription.ts'

/**
 * Options of {@link useChannel}.
 *
 * @example
 * ```ts
 * const options: UseChannelOptions = { params: { nick: 'ann' }, onMessage: (e, p) => log(e, p) }
 * ```
 */
export interface UseChannelOptions {
  /**
   * Join params: an object, or a function evaluated before every join and rejoin. The
   * client keeps one channel per topic, and the first options given for a topic win.
   */
  params?: ChannelOptions['params']
  /** Every server event on the channel, with its name, while the component is mounted. */
  onMessage?: MessageListener
}

/**
 * What {@link useChannel} returns.
 *
 * @example
 * ```ts
 * const { state, push, channel }: UseChannelResult = useChannel('room:42')
 * ```
 */
export interface UseChannelResult {
  /** `closed`, `joining`, `joined`, `leaving`, or `errored` with a reason. */
  state: Readonly<ShallowRef<ChannelState>>
  /** `channel.push`, bound: settles once with the reply or rejects with a `PushError`. */
  push: Channel['push']
  /** The channel itself, the same for the same topic. */
  channel: Channel
}

/**
 * Joins a channel while the component is mounted (it leaves after core's grace period
 * when the last user unmounts; a server render joins nothing) and gives its state as a
 * ref, and `push`. `topic` and the
 * options are read once; give the component a `key` to switch topics.
 *
 * @example
 * ```vue
 * <script setup lang="ts">
 * import { useChannel } from '@wirestate/vue'
 * const props = defineProps<{ id: string }>()
 * const { state, push } = useChannel(`room:${props.id}`, {
 *   params: { nick: 'ann' },
 *   onMessage: (event, payload) => console.log(event, payload),
 * })
 * </script>
 * <template>
 *   <button :disabled="state.status !== 'joined'" @click="push('ping', {})">Ping</button>
 * </template>
 * ```
 */
export function useChannel(topic: string, options: UseChannelOptions = {}): UseChannelResult {
  const { params, onMessage } = options
  const channel = useClient().channel(topic, { params })
  if (onMessage) useSubscription(() => channel.onMessage(onMessage))
  return { state: useAtom(channel.$state), push: channel.push.bind(channel), channel }
}
