import type { Chat } from '@wirestate/core/chat'
import { type FormEvent, type ReactNode, useId } from 'react'
import { checkDraft } from '../shared/draft.ts'

interface ComposerProps {
  room: string
  draft: string
  setDraft: (draft: string) => void
  send: Chat['send']
  setTyping: Chat['setTyping']
}

/**
 * The message box. Typing tells the others (core throttles it); sending shows the message
 * at once, marked until the server has stored it. A draft the server would refuse (over
 * its 2,000 characters) is not sent: it stays in the box, with the reason under it.
 */
export function Composer({ room, draft, setDraft, send, setTyping }: ComposerProps): ReactNode {
  const check = checkDraft(draft)
  const noteId = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!check.canSend) return
    send(check.body)
    setDraft('')
  }
  return (
    <form className="composer" onSubmit={submit}>
      <div className="composer-row">
        <input
          aria-label="Message"
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value)
            setTyping(e.target.value !== '')
          }}
          onBlur={() => setTyping(false)}
          placeholder={`Message # ${room} — “@name” notifies someone`}
          autoComplete="off"
          aria-invalid={check.problem !== undefined}
          aria-describedby={noteId}
        />
        <button type="submit" disabled={!check.canSend}>
          Send
        </button>
      </div>
      <p className="composer-note" id={noteId} role="status">
        {check.problem && <span className="problem">{check.problem}</span>}
        {check.counter && <span className="counter">{check.counter}</span>}
      </p>
    </form>
  )
}
