import { useStore } from '@nanostores/vue'
import type {
  Channel,
  ChannelEvents,
  ChannelOptions,
  ChannelState,
  MessageListener,
  UnknownEvents,
} from '@wirestate/core'
import type { ShallowRef } from 'vue'
import { useClient } from './use-client.ts'
import { useSubscription } from './use-subscription.ts'

/**
 * Options of {@link useChannel}.
 *
 * @example
 * ```ts
 * const options: UseChannelOptions<RoomEvents> = { params: { nick: 'ann' }, onMessage: (e, p) => log(e, p) }
 * ```
 */
export interface UseChannelOptions<E extends ChannelEvents = UnknownEvents> {
  /**
   * Join params: an object, or a function evaluated before every join and rejoin. The
   * client keeps one channel per topic, and the first options given for a topic win.
   */
  params?: ChannelOptions['params']
  /** Every server event on the channel, with its name, while the component is mounted. */
  onMessage?: MessageListener<E>
}

/**
 * What {@link useChannel} returns.
 *
 * @example
 * ```ts
 * const { state, push, channel }: UseChannelResult<RoomEvents> = useChannel<RoomEvents>('room:42')
 * ```
 */
export interface UseChannelResult<E extends ChannelEvents = UnknownEvents> {
  /** `closed`, `joining`, `joined`, `leaving`, `disconnected`, or `errored` with a reason. */
  state: Readonly<ShallowRef<ChannelState>>
  /** `channel.push`, bound and typed by the event map: settles once with the reply. */
  push: Channel<E>['push']
  /** The channel itself, the same for the same topic. */
  channel: Channel<E>
}

/**
 * Joins a channel while the component uses it (it leaves after the client's
 * `leaveDelayMs` when the last user unmounts, so a remount joins once; a server render
 * joins nothing) and gives its state as a ref, and `push`. `E` is the channel's event map
 * (`ChannelEvents` of `@wirestate/core`): it types `push`, its reply and `onMessage`.
 * `topic` and the options are read once; give the component a `key` to switch topics.
 *
 * @example
 * ```vue
 * <script setup lang="ts">
 * import { useChannel } from '@wirestate/vue'
 * interface RoomEvents {
 *   receive: { new_msg: { body: string } }
 *   push: { ping: { payload: { at: number }; reply: { pong: number } } }
 * }
 * const props = defineProps<{ id: string }>()
 * const { state, push } = useChannel<RoomEvents>(`room:${props.id}`, {
 *   params: { nick: 'ann' },
 *   onMessage: (event, payload) => console.log(event, payload),
 * })
 * </script>
 * <template>
 *   <button :disabled="state.status !== 'joined'" @click="push('ping', { at: Date.now() })">Ping</button>
 * </template>
 * ```
 */
export function useChannel<E extends ChannelEvents = UnknownEvents>(
  topic: string,
  options: UseChannelOptions<E> = {},
): UseChannelResult<E> {
  const { params, onMessage } = options
  const channel = useClient().channel<E>(topic, { params })
  if (onMessage) useSubscription(() => channel.onMessage(onMessage))
  const state = useStore(channel.$state) as Readonly<ShallowRef<ChannelState>>
  return { state, push: channel.push.bind(channel) as Channel<E>['push'], channel }
}
