import type { Members } from '@wirestate/core/presence'
import { type ReactNode, useId, useState } from 'react'
import { Avatar } from './Avatar.tsx'

interface PeopleHereProps {
  members: Members
  me: string
  /** Why the list may be out of date (see `peopleNote`), while it may be. */
  note: string | undefined
}

/**
 * Who is in the room (presence): one row per person, however many tabs they have open.
 * A column beside the chat on a wide screen; on a narrow one a bar under the room's name
 * that opens the list as a drawer.
 */
export function PeopleHere({ members, me, note }: PeopleHereProps): ReactNode {
  const [open, setOpen] = useState(false)
  const listId = useId()
  const heading = `Here now · ${members.size}`
  return (
    <aside className="people" aria-label="People here" data-open={open}>
      <h2>
        <span className="people-heading">{heading}</span>
        <button
          type="button"
          className="people-toggle quiet"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen(!open)}
        >
          {heading}
        </button>
      </h2>
      {note !== undefined && (
        <p className="people-note" role="status">
          {note}
        </p>
      )}
      <ul id={listId} aria-busy={note !== undefined}>
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
