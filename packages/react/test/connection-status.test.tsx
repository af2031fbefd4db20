import { screen } from '@testing-library/react'
import { expect, test } from 'vitest'
import { useChannel, useConnection } from '../src/index.ts'
import { setupMockServer } from './harness.tsx'

const { mock, createTestClient, renderWithClient } = setupMockServer()

function StatusBadge() {
  const { status } = useConnection()
  return <output aria-label="connection">{status}</output>
}

function Room() {
  const { state } = useChannel('room:1')
  return <output aria-label="room">{state.status}</output>
}

function Reason() {
  const s = useConnection()
  return <output>{s.status === 'disconnected' ? `${s.status}: ${s.reason}` : s.status}</output>
}

test('a status badge shows idle, connected, reconnecting after a drop, and connected again', async () => {
  // A reconnect delay long enough for the badge to be seen saying reconnecting.
  const client = createTestClient({ reconnect: { minDelayMs: 300, maxDelayMs: 300, jitter: 0 } })
  const { rerender } = renderWithClient(<StatusBadge />, { client })
  expect(screen.getByLabelText('connection').textContent).toBe('idle')
  expect(mock.connections).toEqual([]) // reading the status connects nothing

  rerender(
    <>
      <StatusBadge />
      <Room />
    </>,
  )
  await screen.findByText('connected')
  await screen.findByText('joined')

  mock.drop()
  await screen.findByText('reconnecting')
  expect(screen.getByLabelText('room').textContent).not.toBe('joined')
  await screen.findByText('connected')
  await screen.findByText('joined')
  expect(mock.connections.map((c) => c.status)).toEqual(['closed', 'open'])
  expect(mock.pushes('room:1', 'phx_join')).toHaveLength(2) // joined, then rejoined
})

test('disconnect() shows disconnected with the client as the reason', async () => {
  const { client } = renderWithClient(
    <>
      <Reason />
      <Room />
    </>,
  )
  await screen.findByText('connected')
  client.disconnect()
  await screen.findByText('disconnected: client')
})
