import { useConnectionStatus, usePresence } from '@wirestate/react'
import type { ReactNode } from 'react'

/** Who is on a room's channel, live, and the connection's status. */
export function WhoIsHere({ room }: { room: string }): ReactNode {
  const { status } = useConnectionStatus()
  const { members, count } = usePresence(room)
  return (
    <section>
      <h2>
        {count} here ({status})
      </h2>
      <ul aria-label="People">
        {[...members.values()].map((member) => (
          <li key={member.id}>{member.id}</li>
        ))}
      </ul>
    </section>
  )
}
