import { screen, waitFor } from '@testing-library/react'
import type { Client } from '@wirestate/core'
import { createManualClock, serveChatHistory } from '@wirestate/testing'
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

/** The joins and leaves a client sends, as it sends them (the inspect stream is synchronous). */
function recordCommands(client: Client): string[] {
  const sent: string[] = []
  client.inspect((e) => {
    const c = e.kind === 'command' ? e.command : undefined
    if (c?.type === 'JoinChannel' || c?.type === 'LeaveChannel') sent.push(`${c.type} ${c.topic}`)
  })
  return sent
}

const joinsAndLeaves = (topic: string) =>
  mock
    .pushes(topic)
    .map((m) => m.event)
    .filter((event) => event === 'phx_join' || event === 'phx_leave')

test('StrictMode double mount joins once, and unmounting leaves once, after leaveDelayMs', async () => {
  serveChatHistory(mock, 'room:*')
  mock.stream('room:1').append('new_msg', { body: 'hi', user: 'bob' })
  // The grace period runs on this clock: it moves only when the test says so.
  const clock = createManualClock()
  const client = createTestClient({ timers: clock.timers })
  const sent = recordCommands(client)
  const { unmount } = renderWithClient(<Room />, { strict: true, client })
  await screen.findByText('joined, 0 here, 1 messages')
  // Four hooks (seven stores), each mounted twice by StrictMode, on one topic: one join.
  expect(joinsAndLeaves('room:1')).toEqual(['phx_join'])
  expect(mock.pushes('room:1', 'history')).toHaveLength(1)

  unmount()
  clock.advance(999)
  expect(sent).toEqual(['JoinChannel room:1'])
  clock.advance(1)
  expect(sent).toEqual(['JoinChannel room:1', 'LeaveChannel room:1'])
  await waitFor(() => expect(joinsAndLeaves('room:1')).toEqual(['phx_join', 'phx_leave']))
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
  const clock = createManualClock()
  // Connected before the components mount: a join/leave/join would reach the wire.
  const client = createTestClient({ timers: clock.timers })
  const sent = recordCommands(client)
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
  // Well past a grace period (and short of a heartbeat, which this clock would time out
  // at once): StrictMode's unmount and mount did not leave and join again.
  clock.advance(5_000)
  expect(sent.sort()).toEqual(topics.map((t) => `JoinChannel ${t}`).sort())
  for (const topic of topics) expect([topic, joinsAndLeaves(topic)]).toEqual([topic, ['phx_join']])

  unmount()
  clock.advance(1_000)
  expect(sent.filter((c) => c.startsWith('LeaveChannel')).sort()).toEqual(
    topics.map((t) => `LeaveChannel ${t}`).sort(),
  )
  await waitFor(() => {
    for (const topic of topics) {
      expect([topic, joinsAndLeaves(topic)]).toEqual([topic, ['phx_join', 'phx_leave']])
    }
  })
  await waitFor(() => expect(mock.connections[0]?.topics).toEqual([]))
})
