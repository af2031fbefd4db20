import { usePresence } from '@wirestate/react'
import { type FormEvent, type ReactNode, useMemo, useState } from 'react'
import { isRoomName, LOBBY_TOPIC, roomCounts } from '../shared/lobby.ts'
import { roomHash } from '../shared/room-link.ts'

function people(n: number): string {
  return n === 1 ? '1 person' : `${n} people`
}

/** Opens a room by name (a new one is listed once someone is in it). */
function OpenRoomForm(): ReactNode {
  const [name, setName] = useState('')
  const room = name.trim().toLowerCase()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (isRoomName(room)) location.hash = roomHash(room)
  }
  return (
    <form className="open-room" onSubmit={submit}>
      <input
        aria-label="Room name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder="new-room"
        maxLength={32}
        autoComplete="off"
      />
      <button type="submit" disabled={!isRoomName(room)}>
        Open room
      </button>
    </form>
  )
}

/**
 * The lobby: every room with how many people are in it, live. The counts come from the
 * lobby topic's presence, where each tab's meta names its room.
 */
export function Lobby(): ReactNode {
  const { members, count } = usePresence(LOBBY_TOPIC)
  const rooms = useMemo(() => roomCounts(members), [members])
  return (
    <main className="lobby">
      <h1>Rooms</h1>
      <p className="online">{people(count)} online</p>
      <ul className="rooms" aria-label="Rooms">
        {rooms.map(({ name, people: n }) => (
          <li key={name} data-room={name}>
            <a href={roomHash(name)}>
              <span className="room-name"># {name}</span>
              <span className="room-count">{people(n)}</span>
            </a>
          </li>
        ))}
      </ul>
      <OpenRoomForm />
    </main>
  )
}
