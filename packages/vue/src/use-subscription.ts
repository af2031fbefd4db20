import { onMounted, onUnmounted } from 'vue'

/**
 * Runs `subscribe` when the component mounts and the unsubscribe it returns when it
 * unmounts. Mount hooks never run in a server render, so nothing there subscribes (and
 * nothing joins or opens a socket); and hydration sees the values the server rendered.
 *
 * @example
 * ```ts
 * useSubscription(() => channel.on('new_msg', append))
 * ```
 */
export function useSubscription(subscribe: () => () => void): void {
  let unsubscribe: (() => void) | undefined
  onMounted(() => {
    unsubscribe = subscribe()
  })
  onUnmounted(() => unsubscribe?.())
}
