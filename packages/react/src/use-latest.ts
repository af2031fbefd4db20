import { type RefObject, useInsertionEffect, useRef } from 'react'

/**
 * A ref that always holds the latest `value`, for callbacks that subscriptions call
 * without subscribing again when the callback changes. Updated in an insertion effect:
 * before any other effect of the commit runs, never during render, and without React 18's
 * layout-effect warning on the server.
 *
 * @example
 * ```ts
 * const latest = useLatest(callback)
 * useEffect(() => channel.on(event, (p) => latest.current(p)), [channel, event, latest])
 * ```
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value)
  useInsertionEffect(() => {
    ref.current = value
  })
  return ref
}
