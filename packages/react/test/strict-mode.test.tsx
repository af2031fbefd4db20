import { screen, waitFor } from '@testing-library/react'
import { expect, test } from 'vitest'
import { useChannel, useChannelEvent, usePresence } from '../src/index.ts'
import { setupMockServer } from './harness.tsx'

const { mock, renderWithClient } = setupMockServer()

function Room() {
  const { state } = useChannel('room:1')
  const { count } = usePresence('room:1')
  useChannelEvent('room:1', 'new_msg', () => {})
  return (
    <output>
      {state.status}, {count} here
    </output>
  )
}

test('StrictMode double mount joins once, and unmounting leaves once', async () => {
  const { unmount } = renderWithClient(<Room />, { strict: true })
  await screen.findByText('joined, 0 here')
  // Three hooks, each mounted twice by StrictMode, all on one topic: one join.
  expect(mock.pushes('room:1').map((m) => m.event)).toEqual(['phx_join'])

  unmount()
  // The leave comes after core's grace period (nanostores' 1 s unmount delay).
  await waitFor(() => expect(mock.pushes('room:1', 'phx_leave')).toHaveLength(1), {
    timeout: 2_000,
  })
  expect(mock.pushes('room:1').map((m) => m.event)).toEqual(['phx_join', 'phx_leave'])
})
