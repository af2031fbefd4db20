import { createClient } from '@wirestate/core'
import { renderToString } from 'react-dom/server'
import { expect, test } from 'vitest'
import { useClient, WirestateProvider } from '../src/index.ts'

function ClientUrl() {
  const client = useClient()
  return <p>{client === provided ? 'the provided client' : 'another client'}</p>
}

const provided = createClient({ url: 'ws://localhost/socket' })

test('useClient returns the provided client', () => {
  const html = renderToString(
    <WirestateProvider client={provided}>
      <ClientUrl />
    </WirestateProvider>,
  )
  expect(html).toBe('<p>the provided client</p>')
  const other = createClient({ url: 'ws://localhost/socket' })
  expect(
    renderToString(
      <WirestateProvider client={other}>
        <ClientUrl />
      </WirestateProvider>,
    ),
  ).toBe('<p>another client</p>')
})

test('useClient outside a provider throws and says the fix', () => {
  expect(() => renderToString(<ClientUrl />)).toThrow(
    'wirestate: no client; render this component inside <WirestateProvider client={client}>',
  )
})
