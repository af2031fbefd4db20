import type { ConnectionStatus } from '@wirestate/core'
import { useConnectionStatus } from '@wirestate/react'
import type { ReactNode } from 'react'

function explain(status: ConnectionStatus): string | undefined {
  if (status.status === 'reconnecting') return 'Connection lost — reconnecting.'
  if (status.status !== 'disconnected') return undefined
  if (status.reason === 'client') return 'Disconnected (from the devtools).'
  if (status.reason === 'max_retries') return 'Disconnected: the server could not be reached.'
  return `Disconnected by the server${status.message ? `: ${status.message}` : ''}.`
}

/** A line under the top bar while the socket is down: what is going on, what still works. */
export function ConnectionBanner(): ReactNode {
  const why = explain(useConnectionStatus())
  if (why === undefined) return null
  return (
    <p className="banner" role="alert">
      {why} Messages you send are queued and go out when the connection is back; what others say
      meanwhile shows up then.
    </p>
  )
}
