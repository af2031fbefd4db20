import type { Chat } from '@wirestate/core/chat'
import { type FormEvent, type ReactNode, useState } from 'react'

interface ComposerProps {
  room: string
  send: Chat['send']
  setTyping: Chat['setTyping']
}

/**
 * The message box. Typing tells the others (core throttles it); sending shows the message
 * at once, marked until the server has stored it. The length limit is the server's (2,000
 * by default): a longer message shows as not sent, with the server's reason.
 */
export function Composer({ room, send, setTyping }: ComposerProps): ReactNode {
  const [draft, setDraft] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const body = draft.trim()
    if (body === '') return
    send(body)
    setDraft('')
  }
  return (
    <form className="composer" onSubmit={submit}>
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
      />
      <button type="submit" disabled={draft.trim() === ''}>
        Send
      </button>
    </form>
  )
}
