import type {
  Channel,
  ChannelEvents,
  Received,
  ReceivedEvent,
  UnknownEvents,
} from '@wirestate/core'
import { useClient } from './use-client.ts'
import { useSubscription } from './use-subscription.ts'

/**
 * Calls `callback` with the payload of every `event` the server sends on a channel, and
 * keeps the channel joined (`channel.retain()`, released after the client's
 * `leaveDelayMs`), while the component is mounted (so not in a server render). Give the
 * channel (from `useChannel`) to have the event name and payload typed by its event map, or
 * a topic with the map and the event as type arguments.
 *
 * @example
 * ```ts
 * const { channel } = useChannel<RoomEvents>('room:42')
 * const last = ref<string>()
 * useChannelEvent(channel, 'announcement', (a) => (last.value = a.body))
 * ```
 */
export function useChannelEvent<
  E extends ChannelEvents = UnknownEvents,
  K extends ReceivedEvent<E> = ReceivedEvent<E>,
>(
  channelOrTopic: Channel<E> | string,
  event: K,
  callback: (payload: Received<E, K>) => void,
): void {
  const channel =
    typeof channelOrTopic === 'string' ? useClient().channel<E>(channelOrTopic) : channelOrTopic
  useSubscription(() => {
    const off = channel.on(event, callback)
    const release = channel.retain()
    return () => {
      off()
      release()
    }
  })
}
