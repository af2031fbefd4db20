import { useChat, useConnectionStatus, usePresence } from '@wirestate/react'
import { type ReactNode, useCallback, useState } from 'react'
import { roomTopic } from '../shared/lobby.ts'
import { peopleNote } from '../shared/presence-note.ts'
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
}

/** A room: its messages, who is typing, the composer, and who is here. */
export function Room({ room, me }: RoomProps): ReactNode {
  const topic = roomTopic(room)
  const chat = useChat(topic, { user: me, pageSize: PAGE_SIZE })
  const { members } = usePresence(topic)
  const status = useConnectionStatus()
  const [draft, setDraft] = useState('')
  const { discard } = chat
  // A refused message goes back to the box to be changed; stable, so rows stay memoized.
  const edit = useCallback(
    (clientId: string, body: string) => {
      discard(clientId)
      setDraft(body)
    },
    [discard],
  )
  return (
    <main className="room">
      <header className="room-header">
        <h1># {room}</h1>
        <p className="elsewhere">
          Also open it in <a href={bindingPageUrl('vue', room)}>Vue</a> or{' '}
          <a href={bindingPageUrl('svelte', room)}>Svelte</a>
        </p>
      </header>
      <section className="conversation" aria-label={`# ${room}`}>
        <MessageList chat={chat} me={me} connected={status.status === 'connected'} edit={edit} />
        <p className="typing" aria-live="polite">
          {typingText(chat.typing)}
        </p>
        <Composer
          room={room}
          draft={draft}
          setDraft={setDraft}
          send={chat.send}
          setTyping={chat.setTyping}
        />
      </section>
      <PeopleHere members={members} me={me} note={peopleNote(status)} />
    </main>
  )
}
