import { type FormEvent, type ReactNode, useState } from 'react'
import { isUserName } from '../shared/session.ts'

/** The first screen: a name, no password (the demo server takes any name). */
export function NameForm({ onName }: { onName: (name: string) => void }): ReactNode {
  const [name, setName] = useState('')
  const valid = isUserName(name.trim())
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (valid) onName(name.trim())
  }
  return (
    <main className="welcome">
      <h1>wirestate demo</h1>
      <p>Chat rooms with presence, typing, mentions and notifications, live over WebSockets.</p>
      <form className="name-form" onSubmit={submit}>
        <label>
          Your name
          <input
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
            maxLength={32}
            placeholder="alice"
          />
        </label>
        <button type="submit" disabled={!valid}>
          Enter
        </button>
      </form>
      <p className="hint">Letters, digits, “_”, “.” or “-”, so others can @mention you.</p>
    </main>
  )
}
