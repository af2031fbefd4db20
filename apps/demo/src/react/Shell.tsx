import { type ReactNode, useState } from 'react'
import { roomHash } from '../shared/room-link.ts'
import type { ServerNode } from '../shared/server-node.ts'
import { Avatar } from './Avatar.tsx'
import { ConnectionBanner } from './ConnectionBanner.tsx'
import { DevtoolsDock } from './DevtoolsDock.tsx'
import { Lobby } from './Lobby.tsx'
import { NotificationBell } from './NotificationBell.tsx'
import { Room } from './Room.tsx'
import { StatusBadge } from './StatusBadge.tsx'
import { useHashRoom } from './use-hash-room.ts'
import { useLobbyPresence } from './use-lobby-presence.ts'

interface ShellProps {
  me: string
  node: ServerNode
  onSignOut: () => void
}

/** The signed-in app: top bar, the lobby or a room, and the devtools dock. */
export function Shell({ me, node, onSignOut }: ShellProps): ReactNode {
  const room = useHashRoom()
  useLobbyPresence(room ?? null)
  const [devtools, setDevtools] = useState(false)
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={roomHash(undefined)}>
          wirestate
        </a>
        <nav className="crumbs" aria-label="Where you are">
          <a href={roomHash(undefined)}>Lobby</a>
          {room !== undefined && <span className="crumb-room"># {room}</span>}
        </nav>
        <StatusBadge node={node.label} />
        <NotificationBell me={me} />
        <span className="whoami">
          <Avatar name={me} />
          <span>{me}</span>
        </span>
        <button
          type="button"
          className="quiet"
          aria-pressed={devtools}
          onClick={() => setDevtools(!devtools)}
        >
          Devtools
        </button>
        <button type="button" className="quiet" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <ConnectionBanner />
      {room === undefined ? <Lobby /> : <Room key={room} room={room} me={me} />}
      <DevtoolsDock open={devtools} />
    </div>
  )
}
