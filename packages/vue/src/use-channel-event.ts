import { useClient } from './use-client.ts'
import { useSubscription } from './use-subscription.ts'

/**
 * Calls `callback` with the payload of every `event` the server sends on `topic`, and
 * keeps the channel joined, while the component is mounted (so not in a server render).
 *
 * @example
 * ```ts
 * const last = ref<string>()
 * useChannelEvent<{ body: string }>('room:42', 'announcement', (p) => (last.value = p.body))
 * ```
 */
export function useChannelEvent<T = unknown>(
  topic: string,
  event: string,
  callback: (payload: T) => void,
): void {
  const channel = useClient().channel(topic)
  useSubscription(() => {
    const off = channel.on(event, callback)
    // A subscriber to $state holds the join, with core's grace period on unmount.
    const release = channel.$state.listen(() => {})
    return () => {
      off()
      release()
    }
  })
}
