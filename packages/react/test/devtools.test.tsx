import { render, waitFor } from '@testing-library/react'
import { createClient } from '@wirestate/core'
import { renderToString } from 'react-dom/server'
import { afterEach, expect, test, vi } from 'vitest'
import { WirestateDevtools } from '../src/devtools.ts'
import { useChannel } from '../src/index.ts'
import { setupMockServer } from './harness.tsx'

const { createTestClient, renderWithClient } = setupMockServer()

afterEach(() => {
  vi.unstubAllEnvs()
})

/** Imports an entry afresh, so it reads process.env.NODE_ENV as stubbed now. */
async function importFresh<T>(path: string): Promise<T> {
  vi.resetModules()
  return (await import(/* @vite-ignore */ path)) as T
}

const panels = () => document.body.querySelectorAll('wirestate-devtools')
const toggle = () => panels()[0]?.shadowRoot?.querySelector('button')

function Room() {
  const { state } = useChannel('room:1')
  return <output>{state.status}</output>
}

test('mounts the panel for the provider’s client, once under StrictMode, and removes it on unmount', async () => {
  const { unmount } = renderWithClient(
    <>
      <Room />
      <WirestateDevtools position="bottom-left" />
    </>,
    { strict: true },
  )
  expect(panels()).toHaveLength(1)
  expect(toggle()?.className).toBe('toggle bottom-left')
  // The panel listens to this client: its toggle follows the connection status.
  await waitFor(() => expect(toggle()?.dataset.status).toBe('connected'))
  unmount()
  expect(panels()).toHaveLength(0)
})

test('a client prop wins over the provider’s', async () => {
  const shown = createTestClient()
  renderWithClient(<WirestateDevtools client={shown} />)
  shown.connect()
  await waitFor(() => expect(toggle()?.dataset.status).toBe('connected'))
})

test('without a client it throws and says the fix; on the server it renders nothing', () => {
  expect(() => renderToString(<WirestateDevtools />)).toThrow(
    'wirestate: <WirestateDevtools> needs a client; pass client={client} or render it inside <WirestateProvider>',
  )
  const client = createClient({ url: 'ws://localhost/socket' })
  expect(renderToString(<WirestateDevtools client={client} />)).toBe('')
})

test('in a production build it is a component that renders nothing and uses no hook', async () => {
  vi.stubEnv('NODE_ENV', 'production')
  const { WirestateDevtools: Production } =
    await importFresh<typeof import('../src/devtools.ts')>('../src/devtools.ts')
  const client = createTestClient()
  const inspect = vi.spyOn(client, 'inspect')
  // No hook inside: callable as a plain function, and it needs no client.
  expect(Production({})).toBeNull()
  render(<Production client={client} initialOpen />)
  expect(panels()).toHaveLength(0)
  expect(inspect).not.toHaveBeenCalled()
})

test('the /devtools/production entry renders the panel in a production build too', async () => {
  vi.stubEnv('NODE_ENV', 'production')
  const { WirestateDevtools: Always } = await importFresh<
    typeof import('../src/devtools-production.ts')
  >('../src/devtools-production.ts')
  const client = createTestClient()
  const { unmount } = render(<Always client={client} />)
  expect(panels()).toHaveLength(1)
  unmount()
  expect(panels()).toHaveLength(0)
})
