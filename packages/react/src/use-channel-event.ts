import type {
  Channel,
  ChannelEvents,
  Received,
  ReceivedEvent,
  UnknownEvents,
} from '@wirestate/core'
import { useEffect } from 'react'
import { useClient } from './provider.tsx'
import { useLatest } from './use-latest.ts'

/**
 * Calls `callback` with the payload of every `event` the server sends on a channel, and
 * keeps the channel joined while the component is mounted (`channel.retain()`, released
 * after the client's `leaveDelayMs`). Give the channel (from `useChannel`) to have the
 * event name and payload typed by its event map, or a topic with the map as the type
 * argument. The latest `callback` is called without resubscribing.
 *
 * @example
 * ```tsx
 * function Toasts() {
 *   const { channel } = useChannel<RoomEvents>('room:42')
 *   const [last, setLast] = useState<string>()
 *   useChannelEvent(channel, 'announcement', (a) => setLast(a.body)) // a: RoomEvents['receive']['announcement']
 *   return last ? <p role="status">{last}</p> : null
 * }
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
  const client = useClient()
  const channel =
    typeof channelOrTopic === 'string' ? client.channel<E>(channelOrTopic) : channelOrTopic
  const latest = useLatest(callback)
  useEffect(() => {
    const off = channel.on(event, (payload) => latest.current(payload))
    const release = channel.retain()
    return () => {
      off()
      release()
    }
  }, [channel, event, latest])
}
