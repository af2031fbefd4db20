import { act, screen, waitFor, within } from '@testing-library/react'
import { serveChatHistory } from '@wirestate/testing'
import { expect, test } from 'vitest'
import { useChat } from '../src/index.ts'
import { setupMockServer } from './harness.tsx'

const { mock, renderWithClient } = setupMockServer()

function ChatRoom() {
  const { messages, send } = useChat('room:1', { user: 'ann' })
  return (
    <>
      <ul>
        {messages.map((m) => (
          <li key={m.key}>
            {m.user}: {m.body} ({m.status})
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => send('hello bob')}>
        send
      </button>
    </>
  )
}

const rows = () =>
  within(screen.getByRole('list'))
    .queryAllByRole('listitem')
    .map((li) => li.textContent)

test('a chat shows the server’s messages, and ours pending, then confirmed', async () => {
  serveChatHistory(mock, 'room:*')
  const room = mock.stream('room:1')
  room.append('new_msg', { body: 'hi ann', user: 'bob' })
  // Our send waits here until the test lets the server store it.
  let store = () => {}
  mock.onPush('room:*', 'new_msg', (payload: { body: string; client_id: string }) => {
    return new Promise((resolve) => {
      store = () => resolve({ ok: { id: room.append('new_msg', { ...payload, user: 'ann' }) } })
    })
  })
  renderWithClient(<ChatRoom />)
  await screen.findByText('bob: hi ann (confirmed)') // the latest page, loaded on join

  room.append('new_msg', { body: 'still there?', user: 'bob' })
  await screen.findByText('bob: still there? (confirmed)') // live

  act(() => screen.getByText('send').click())
  expect(rows()).toEqual([
    'bob: hi ann (confirmed)',
    'bob: still there? (confirmed)',
    'ann: hello bob (pending)',
  ])
  await waitFor(() => expect(mock.pushes('room:1', 'new_msg')).toHaveLength(1))
  const sent = mock.pushes('room:1', 'new_msg')[0]?.payload as { client_id: string }
  expect(sent).toEqual({ body: 'hello bob', client_id: expect.any(String) })

  store()
  await screen.findByText('ann: hello bob (confirmed)')
  expect(rows()).toEqual([
    'bob: hi ann (confirmed)',
    'bob: still there? (confirmed)',
    'ann: hello bob (confirmed)',
  ])
})

test('a refused send shows failed', async () => {
  serveChatHistory(mock, 'room:*')
  mock.onPush('room:*', 'new_msg', () => ({ error: { reason: 'invalid message' } }))
  renderWithClient(<ChatRoom />)
  await waitFor(() => expect(mock.pushes('room:1', 'history')).toHaveLength(1))
  act(() => screen.getByText('send').click())
  await screen.findByText('ann: hello bob (failed)')
})
