import type { Client } from '@wirestate/core'
import { WirestateProvider } from '@wirestate/react'
import { type ReactNode, useState } from 'react'
import { createDemoClient } from '../shared/demo-client.ts'
import type { ServerNode } from '../shared/server-node.ts'
import { savedName, saveName } from '../shared/session.ts'
import { NameForm } from './NameForm.tsx'
import { Shell } from './Shell.tsx'

interface Session {
  readonly name: string
  readonly client: Client
}

function open(name: string, node: ServerNode): Session {
  return { name, client: createDemoClient(name, node) }
}

/**
 * The React demo: pick a name, then the lobby and rooms on one client for that name.
 * The client is made when the name is known (it is the `user` connect param) and
 * connects when the first channel joins.
 */
export function App({ node }: { node: ServerNode }): ReactNode {
  const [session, setSession] = useState<Session | undefined>(() => {
    const name = savedName(new URLSearchParams(location.search))
    if (name === undefined) return undefined
    saveName(name) // a `?name=` link signs this tab in for its reloads too
    return open(name, node)
  })
  if (!session) {
    return (
      <NameForm
        onName={(name) => {
          saveName(name)
          setSession(open(name, node))
        }}
      />
    )
  }
  const signOut = () => {
    session.client.disconnect()
    saveName(undefined)
    location.hash = '#/'
    setSession(undefined)
  }
  return (
    <WirestateProvider client={session.client}>
      <Shell me={session.name} node={node} onSignOut={signOut} />
    </WirestateProvider>
  )
}
