import { act, screen, waitFor } from '@testing-library/react'
import { createClient } from '@wirestate/core'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { expect, test } from 'vitest'
import { useChannel, useConnection, WirestateProvider } from '../src/index.ts'
import { SOCKET_URL, setupMockServer } from './harness.tsx'

const { mock, createTestClient } = setupMockServer()

function Page() {
  const { status } = useConnection()
  const { state } = useChannel('room:1')
  return <p>{`socket ${status}, room ${state.status}`}</p>
}

test('hydration renders the server’s initial values, then the live ones', async () => {
  const html = renderToString(
    <WirestateProvider client={createClient({ url: SOCKET_URL })}>
      <Page />
    </WirestateProvider>,
  )
  expect(html).toBe('<p>socket idle, room closed</p>')
  expect(mock.connections).toEqual([])

  // The browser's client is connected already (another part of the page used it), so
  // its status differs from the server's: hydration must still render what the server did.
  const client = createTestClient()
  client.connect()
  await waitFor(() => expect(client.$status.value).toEqual({ status: 'connected' }))
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)
  const mismatches: unknown[] = []
  const root = await act(async () =>
    hydrateRoot(
      container,
      <WirestateProvider client={client}>
        <Page />
      </WirestateProvider>,
      { onRecoverableError: (error) => mismatches.push(error) },
    ),
  )
  await screen.findByText('socket connected, room joined')
  expect(mismatches).toEqual([])
  act(() => root.unmount())
  container.remove()
})
