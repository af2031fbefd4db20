import { useCallback, useSyncExternalStore } from 'react'

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
  /** The initial value: what the server and hydration render. */
  readonly init: T | undefined
  listen(listener: () => void): () => void
}

/**
 * Reads a nanostores atom and re-renders when it changes. Unlike `useStore` of
 * `@nanostores/react` it never calls `store.get()`: on a store nobody listens to, `get()`
 * mounts it for a moment, and mounting a wirestate store joins its channel and opens the
 * socket, in render and on the server. Here the store mounts when the component
 * subscribes (after commit); the server and hydration render its initial value.
 *
 * Works with any atom (`atom()`, `map()`, the stores of wirestate features and of your
 * own `defineFeature`); a `computed` store has no value before it is mounted, so the
 * first render sees `undefined`.
 *
 * @example
 * ```tsx
 * import { useAtom } from '@wirestate/react'
 *
 * function Reactions({ topic }: { topic: string }) {
 *   const counts = useAtom(reactions(useClient().channel(topic)).$counts) // joins on mount
 *   return <span>{counts['👍'] ?? 0}</span>
 * }
 * ```
 */
export function useAtom<T>(store: StoreLike<T>): T {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const off = store.listen(onChange)
      // Mounting (the listen above) may have changed the value before we listened.
      onChange()
      return off
    },
    [store],
  )
  return useSyncExternalStore(
    subscribe,
    () => store.value as T,
    () => store.init as T,
  )
}
