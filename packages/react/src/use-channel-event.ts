import { useEffect } from 'react'
import { useClient } from './provider.tsx'
import { useLatest } from './use-latest.ts'

/**
 * Calls `callback` with the payload of every `event` the server sends on `topic`, and
 * keeps the channel joined while the component is mounted. The latest `callback` is
 * called without resubscribing, so an inline arrow function is fine.
 *
 * @example
 * ```tsx
 * function Toasts() {
 *   const [last, setLast] = useState<string>()
 *   useChannelEvent<{ body: string }>('room:42', 'announcement', (p) => setLast(p.body))
 *   return last ? <p role="status">{last}</p> : null
 * }
 * ```
 */
export function useChannelEvent<T = unknown>(
  topic: string,
  event: string,
  callback: (payload: T) => void,
): void {
  const channel = useClient().channel(topic)
  const latest = useLatest(callback)
  useEffect(() => {
    const off = channel.on<T>(event, (payload) => latest.current(payload))
    // A subscriber to $state holds the join, with core's grace period on unmount.
    const release = channel.$state.listen(() => {})
    return () => {
      off()
      release()
    }
  }, [channel, event, latest])
}
