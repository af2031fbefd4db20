import { useSyncExternalStore } from 'react'
import { roomOfHash } from '../shared/room-link.ts'

const subscribe = (onChange: () => void) => {
  addEventListener('hashchange', onChange)
  return () => removeEventListener('hashchange', onChange)
}

/**
 * The room the URL hash names (`#/room/general`), or `undefined` for the lobby. Links
 * navigate; back and forward work.
 *
 * @example
 * ```tsx
 * const room = useHashRoom()
 * ```
 */
export function useHashRoom(): string | undefined {
  return useSyncExternalStore(subscribe, () => roomOfHash(location.hash))
}
