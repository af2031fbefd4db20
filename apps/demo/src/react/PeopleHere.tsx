import type { Members } from '@wirestate/core/presence'
import type { ReactNode } from 'react'
import { Avatar } from './Avatar.tsx'

/** Who is in the room (presence): one row per person, however many tabs they have open. */
export function PeopleHere({ members, me }: { members: Members; me: string }): ReactNode {
  return (
    <aside className="people" aria-label="People here">
      <h2>Here now · {members.size}</h2>
      <ul>
        {[...members.values()].map((member) => (
          <li key={member.id} data-user={member.id}>
            <Avatar name={member.id} />
            <span className="person">{member.id}</span>
            {member.id === me && <span className="you">you</span>}
            {member.metas.length > 1 && <span className="tabs">{member.metas.length} tabs</span>}
          </li>
        ))}
      </ul>
    </aside>
  )
}
