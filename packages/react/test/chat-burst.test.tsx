import { screen, waitFor } from '@testing-library/react'
import { serveChatHistory } from '@wirestate/testing'
import { Profiler } from 'react'
import { expect, test } from 'vitest'
import { useChat } from '../src/index.ts'
import { setupMockServer } from './harness.tsx'

// Core's own 16 ms notify flush, as in an app (the other suites flush in a microtask).
const { mock, renderWithClient } = setupMockServer({ notify: 'default' })

function Messages() {
  const { messages } = useChat('room:1', { maxMessages: 2_000 })
  return (
    <ul>
      {messages.map((m) => (
        <li key={m.key}>{m.body}</li>
      ))}
    </ul>
  )
}

test('a burst of 1,000 messages renders a useChat component at most twice', async () => {
  serveChatHistory(mock, 'room:*')
  const room = mock.stream('room:1')
  room.append('new_msg', { body: 'before', user: 'bob' })
  let commits = 0
  const { container } = renderWithClient(
    <Profiler id="chat" onRender={() => commits++}>
      <Messages />
    </Profiler>,
  )
  await screen.findByText('before') // joined, latest page shown
  commits = 0

  for (let i = 0; i < 1_000; i++) room.append('new_msg', { body: `m${i}`, user: 'bob' })
  // querySelectorAll, not role queries: those are slow over 1,000 rows in jsdom.
  const items = () => container.querySelectorAll('li')
  await waitFor(() => expect(items()).toHaveLength(1_001))
  expect(items()[1_000]?.textContent).toBe('m999')
  expect(commits).toBeGreaterThanOrEqual(1)
  expect(commits).toBeLessThanOrEqual(2)
})
