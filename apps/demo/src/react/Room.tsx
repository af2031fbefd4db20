import { useChat, useConnectionStatus, usePresence } from '@wirestate/react'
import type { ReactNode } from 'react'
import { roomTopic } from '../shared/lobby.ts'
import { bindingPageUrl } from '../shared/room-link.ts'
import { typingText } from '../shared/typing-text.ts'
import { Composer } from './Composer.tsx'
import { MessageList } from './MessageList.tsx'
import { PeopleHere } from './PeopleHere.tsx'

/** Messages per history page: small, so scrollback shows soon in the demo. */
const PAGE_SIZE = 20

interface RoomProps {
  room: string
  me: string
  node: string | undefined
}

/** A room: its messages, who is typing, the composer, and who is here. */
export function Room({ room, me, node }: RoomProps): ReactNode {
  const topic = roomTopic(room)
  const chat = useChat(topic, { user: me, pageSize: PAGE_SIZE })
  const { members } = usePresence(topic)
  const connected = useConnectionStatus().status === 'connected'
  return (
    <main className="room">
      <section className="conversation" aria-label={`# ${room}`}>
        <header className="room-header">
          <h1># {room}</h1>
          <p className="elsewhere">
            Also open it in <a href={bindingPageUrl('vue', room, node)}>Vue</a> or{' '}
            <a href={bindingPageUrl('svelte', room, node)}>Svelte</a>
          </p>
        </header>
        <MessageList chat={chat} me={me} connected={connected} />
        <p className="typing" aria-live="polite">
          {typingText(chat.typing)}
        </p>
        <Composer room={room} send={chat.send} setTyping={chat.setTyping} />
      </section>
      <PeopleHere members={members} me={me} />
    </main>
  )
}
