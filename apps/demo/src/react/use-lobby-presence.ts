import { usePresence } from '@wirestate/react'
import { useEffect, useRef } from 'react'
import { LOBBY_TOPIC, type LobbyMeta } from '../shared/lobby.ts'

/**
 * Keeps this tab in the lobby's presence with the room it is in, so every lobby counts
 * the people per room. The first meta goes with the join; a room change is one
 * `presence_update` (and core keeps the meta for rejoins).
 *
 * @example
 * ```tsx
 * useLobbyPresence(room ?? null)
 * ```
 */
export function useLobbyPresence(room: string | null): void {
  const meta: LobbyMeta = { room }
  const { update } = usePresence(LOBBY_TOPIC, { meta })
  const sent = useRef(room)
  useEffect(() => {
    if (sent.current === room) return
    sent.current = room
    // A refused or timed-out update leaves the old room listed until the next join,
    // which sends the new meta; nothing for the user to do about it.
    update({ room } satisfies LobbyMeta).catch(() => {})
  }, [room, update])
}
