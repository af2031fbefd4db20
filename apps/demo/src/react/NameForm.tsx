import { type FormEvent, type ReactNode, useId, useState } from 'react'
import { isUserName, nameProblem } from '../shared/session.ts'

/**
 * The first screen: a name, no password (the demo server takes any name). A name that
 * cannot be used says why under the field.
 */
export function NameForm({ onName }: { onName: (name: string) => void }): ReactNode {
  const [name, setName] = useState('')
  const valid = isUserName(name.trim())
  const problem = nameProblem(name.trim())
  const hintId = useId()
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
            aria-invalid={problem !== undefined}
            aria-describedby={hintId}
          />
        </label>
        <button type="submit" disabled={!valid}>
          Enter
        </button>
      </form>
      <p className={problem ? 'hint problem' : 'hint'} id={hintId} role="status">
        {problem ?? 'Letters, digits, “_”, “.” or “-”, so others can @mention you.'}
      </p>
    </main>
  )
}
