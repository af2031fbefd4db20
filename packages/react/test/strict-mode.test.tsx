import { screen, waitFor } from '@testing-library/react'
import { serveChatHistory } from '@wirestate/testing'
import { expect, test } from 'vitest'
import {
  useChannel,
  useChannelEvent,
  useChat,
  useNotifications,
  usePresence,
} from '../src/index.ts'
import { setupMockServer } from './harness.tsx'

const { mock, createTestClient, renderWithClient } = setupMockServer()

function Room() {
  const { state } = useChannel('room:1')
  const { count } = usePresence('room:1')
  const { messages } = useChat('room:1')
  useChannelEvent('room:1', 'new_msg', () => {})
  return (
    <output>
      {state.status}, {count} here, {messages.length} messages
    </output>
  )
}

// Each hook alone on a topic of its own, so no other hook's subscription hides its joins.
function ChannelOnly() {
  useChannel('solo:channel')
  return null
}
function EventOnly() {
  useChannelEvent('solo:event', 'ping', () => {})
  return null
}
function PresenceOnly() {
  usePresence('solo:presence')
  return null
}
function ChatOnly() {
  useChat('solo:chat')
  return null
}
function NotificationsOnly() {
  useNotifications('user:solo:notifications')
  return null
}

const joinsAndLeaves = (topic: string) =>
  mock
    .pushes(topic)
    .map((m) => m.event)
    .filter((event) => event === 'phx_join' || event === 'phx_leave')

test('StrictMode double mount joins once, and unmounting leaves once', async () => {
  serveChatHistory(mock, 'room:*')
  mock.stream('room:1').append('new_msg', { body: 'hi', user: 'bob' })
  const { unmount } = renderWithClient(<Room />, { strict: true })
  await screen.findByText('joined, 0 here, 1 messages')
  // Four hooks (seven stores), each mounted twice by StrictMode, on one topic: one join.
  expect(joinsAndLeaves('room:1')).toEqual(['phx_join'])
  expect(mock.pushes('room:1', 'history')).toHaveLength(1)

  unmount()
  // The leave comes after core's grace period (nanostores' 1 s unmount delay).
  await waitFor(() => expect(joinsAndLeaves('room:1')).toEqual(['phx_join', 'phx_leave']), {
    timeout: 2_000,
  })
  expect(mock.connections).toHaveLength(1)
})

test('StrictMode: every hook alone joins its topic once and leaves it once', async () => {
  mock.onPush('*', 'history', () => ({ ok: { messages: [], notifications: [], more: false } }))
  const topics = [
    'solo:channel',
    'solo:event',
    'solo:presence',
    'solo:chat',
    'user:solo:notifications',
  ]
  // Connected before the components mount: a join/leave/join would reach the wire.
  const client = createTestClient()
  client.connect()
  await waitFor(() => expect(mock.connectionCount).toBe(1))
  const { unmount } = renderWithClient(
    <>
      <ChannelOnly />
      <EventOnly />
      <PresenceOnly />
      <ChatOnly />
      <NotificationsOnly />
    </>,
    { strict: true, client },
  )
  await waitFor(() =>
    expect([...(mock.connections[0]?.topics ?? [])].sort()).toEqual([...topics].sort()),
  )
  // Past a grace period: a mount and unmount that left and joined again would show by now.
  await new Promise((resolve) => setTimeout(resolve, 1_100))
  for (const topic of topics) expect([topic, joinsAndLeaves(topic)]).toEqual([topic, ['phx_join']])

  unmount()
  await waitFor(() => expect(mock.connections[0]?.topics).toEqual([]), { timeout: 2_000 })
  for (const topic of topics) {
    expect([topic, joinsAndLeaves(topic)]).toEqual([topic, ['phx_join', 'phx_leave']])
  }
})
