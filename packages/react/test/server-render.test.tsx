// @vitest-environment node
import { createClient } from '@wirestate/core'
import { createMockServer } from '@wirestate/testing'
import { setupServer } from 'msw/node'
import { renderToString } from 'react-dom/server'
import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  useChannel,
  useChannelEvent,
  useChat,
  useConnectionStatus,
  useNotifications,
  usePresence,
  WirestateProvider,
} from '../src/index.ts'

// Rendered as on a server: Node's own global WebSocket, no DOM, and msw watching it.
const mock = createMockServer({ url: 'ws://localhost/socket' })
const network = setupServer(mock.handler)
beforeAll(() => network.listen({ onUnhandledFrame: 'error' }))
afterAll(() => network.close())

function Page() {
  const { status } = useConnectionStatus()
  const { state } = useChannel('room:1', { onMessage: () => {} })
  const { count } = usePresence('room:1')
  useChannelEvent('room:1', 'new_msg', () => {})
  const { messages } = useChat('room:1:chat')
  const { unread } = useNotifications('user:7:notifications')
  return (
    <p>
      socket {status}, room {state.status}, {count} online, {messages.length} messages, {unread}{' '}
      unread
    </p>
  )
}

test('a server render opens no socket and renders the initial state', async () => {
  expect(typeof window).toBe('undefined')
  expect(typeof WebSocket).toBe('function') // a socket could be opened: nothing does
  const client = createClient({ url: 'ws://localhost/socket' })
  const html = renderToString(
    <WirestateProvider client={client}>
      <Page />
    </WirestateProvider>,
  )
  expect(html.replaceAll('<!-- -->', '')).toBe(
    '<p>socket idle, room closed, 0 online, 0 messages, 0 unread</p>',
  )
  // A join or connect started in render would show up within a few ticks.
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(mock.connections).toEqual([])
  expect(client.$status.value).toEqual({ status: 'idle' })
  expect(client.channel('room:1').$state.value).toEqual({ status: 'closed' })
})
