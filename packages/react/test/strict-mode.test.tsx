import { screen, waitFor } from '@testing-library/react'
import { expect, test } from 'vitest'
import { useChannel, useChannelEvent, useChat, usePresence } from '../src/index.ts'
import { serveHistory, setupMockServer } from './harness.tsx'

const { mock, renderWithClient } = setupMockServer()

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

const joinsAndLeaves = () =>
  mock
    .pushes('room:1')
    .map((m) => m.event)
    .filter((event) => event === 'phx_join' || event === 'phx_leave')

test('StrictMode double mount joins once, and unmounting leaves once', async () => {
  serveHistory(mock)
  mock.stream('room:1').append('new_msg', { body: 'hi', user: 'bob' })
  const { unmount } = renderWithClient(<Room />, { strict: true })
  await screen.findByText('joined, 0 here, 1 messages')
  // Four hooks (seven stores), each mounted twice by StrictMode, on one topic: one join.
  expect(joinsAndLeaves()).toEqual(['phx_join'])
  expect(mock.pushes('room:1', 'history')).toHaveLength(1)

  unmount()
  // The leave comes after core's grace period (nanostores' 1 s unmount delay).
  await waitFor(() => expect(joinsAndLeaves()).toEqual(['phx_join', 'phx_leave']), {
    timeout: 2_000,
  })
  expect(mock.connections).toHaveLength(1)
})
