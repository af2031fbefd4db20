import { afterEach, expect, test, vi } from 'vitest'
import { devtools } from '../src/devtools/index.ts'
import { devtools as productionDevtools } from '../src/devtools/production.ts'
import { useMockServer } from './harness.ts'

const { createTestClient } = useMockServer()
afterEach(() => vi.unstubAllEnvs())

const panels = (node: Element) => node.querySelectorAll('wirestate-devtools')

test('the action mounts the panel (a shadow-root host) in its element; destroy removes it', () => {
  const node = document.createElement('div')
  const action = devtools(node, createTestClient())
  expect(panels(node)).toHaveLength(1)
  expect(panels(node)[0]?.shadowRoot?.querySelector('button')?.title).toBe('wirestate devtools')
  action?.destroy?.()
  expect(panels(node)).toHaveLength(0)
})

test('takes the panel options with the client', () => {
  const node = document.createElement('div')
  devtools(node, { client: createTestClient(), position: 'top-left' })
  const toggle = panels(node)[0]?.shadowRoot?.querySelector('button')
  expect(toggle?.classList.contains('top-left')).toBe(true)
})

test('renders nothing in a production build, unless imported from ./devtools/production', () => {
  vi.stubEnv('NODE_ENV', 'production')
  const node = document.createElement('div')
  const client = createTestClient()
  devtools(node, client)
  expect(panels(node)).toHaveLength(0)
  productionDevtools(node, client)
  expect(panels(node)).toHaveLength(1)
})
