import { type ShallowRef, shallowReadonly, shallowRef } from 'vue'
import { useSubscription } from './use-subscription.ts'

/**
 * What {@link useAtom} reads of a nanostores store (`atom()`, `map()`, any
 * `ReadableAtom`): typed here so this package needs no `nanostores` dependency of its own.
 *
 * @example
 * ```ts
 * const store: StoreLike<ConnectionStatus> = client.$status
 * ```
 */
export interface StoreLike<T> {
  /** The current value, read without mounting the store. */
  readonly value: T | undefined
  listen(listener: () => void): () => void
}

/**
 * A nanostores store as a read-only ref that follows it from mount to unmount: for the
 * stores of your own `defineFeature`. It never calls `store.get()` (which mounts a store
 * nobody listens to; mounting a wirestate store joins its channel and opens the socket):
 * setup, the server and hydration render the store's value as it is, and the store mounts
 * when the component does.
 *
 * Why not `useStore` of `@nanostores/vue`: it subscribes during setup and, on the server,
 * reads with `get()`, so a server render joins and opens a socket; its read-only proxy
 * (development builds) also breaks values with private fields, such as presence `Members`.
 *
 * @example
 * ```ts
 * import { useAtom, useClient } from '@wirestate/vue'
 *
 * const counts = useAtom(reactions(useClient().channel('room:42')).$counts) // joins on mount
 * ```
 */
export function useAtom<T>(store: StoreLike<T>): Readonly<ShallowRef<T>> {
  const state = shallowRef(store.value as T)
  useSubscription(() => {
    const off = store.listen(() => {
      state.value = store.value as T
    })
    // Mounting (the listen above) may have changed the value before we listened.
    state.value = store.value as T
    return off
  })
  return shallowReadonly(state)
}
