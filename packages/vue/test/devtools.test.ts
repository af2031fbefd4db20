import { render } from '@testing-library/vue'
import { afterEach, expect, test, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { WirestateDevtools } from '../src/devtools/index.ts'
import { WirestateDevtools as ProductionDevtools } from '../src/devtools/production.ts'
import { useMockServer, withClient } from './harness.ts'

const { createTestClient } = useMockServer()
afterEach(() => vi.unstubAllEnvs())

const panels = () => document.querySelectorAll('wirestate-devtools')

test('mounts the panel (a shadow-root host) on mount and removes it on unmount', () => {
  const view = render(WirestateDevtools, withClient(createTestClient()))
  expect(panels()).toHaveLength(1)
  expect(panels()[0]?.shadowRoot?.querySelector('button')?.title).toBe('wirestate devtools')
  view.unmount()
  expect(panels()).toHaveLength(0)
})

test('takes the client and the panel options as props', () => {
  const target = document.createElement('section')
  document.body.append(target)
  render(
    defineComponent(
      () => () =>
        h(WirestateDevtools, { client: createTestClient(), target, position: 'top-left' }),
    ),
  )
  expect(
    target.querySelector('wirestate-devtools')?.shadowRoot?.querySelector('.top-left'),
  ).not.toBeNull()
  target.remove()
})

test('renders nothing in a production build, unless imported from ./devtools/production', () => {
  vi.stubEnv('NODE_ENV', 'production')
  const client = createTestClient()
  render(WirestateDevtools, withClient(client))
  expect(panels()).toHaveLength(0)
  render(ProductionDevtools, withClient(client))
  expect(panels()).toHaveLength(1)
})
