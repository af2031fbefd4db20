import { createClient } from '@wirestate/core'
import { WirestateProvider } from '@wirestate/react'
import { WirestateDevtools } from '@wirestate/react/devtools'
import { createRoot } from 'react-dom/client'
import { WhoIsHere } from './WhoIsHere.tsx'

const client = createClient({
  url: 'ws://127.0.0.1:4000/socket/websocket', // `npx wirestate-server` at the repository root
  params: { user: `guest-${Math.floor(Math.random() * 1000)}` },
})

createRoot(document.getElementById('root') as HTMLElement).render(
  <WirestateProvider client={client}>
    <WhoIsHere room="room:lobby" />
    <WirestateDevtools />
  </WirestateProvider>,
)
