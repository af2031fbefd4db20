import { useChat, useConnectionStatus, usePresence } from '@wirestate/vue'
import { computed } from 'vue'
import { LOBBY_TOPIC, type LobbyMeta, roomTopic } from '../shared/lobby.ts'

/**
 * What the Vue page shows of a room, through @wirestate/vue: the chat (20 messages per
 * history page, as in the React app), who is here, whether the socket is up; and this tab
 * in the lobby's presence, so the React lobby counts it in its room.
 *
 * @example
 * ```ts
 * const { chat, members, connected } = useRoom('general', 'vera')
 * ```
 */
export function useRoom(room: string, me: string) {
  const topic = roomTopic(room)
  const chat = useChat(topic, { user: me, pageSize: 20 })
  const { members } = usePresence(topic)
  usePresence(LOBBY_TOPIC, { meta: { room } satisfies LobbyMeta })
  const status = useConnectionStatus()
  const connected = computed(() => status.value.status === 'connected')
  return { chat, members, status, connected }
}
