import { render } from '@testing-library/vue'
import { expect, test, vi } from 'vitest'
import { createApp, defineComponent, h, provide } from 'vue'
import { clientKey, useClient, wirestate } from '../src/index.ts'
import { useMockServer, withClient } from './harness.ts'

const { createTestClient } = useMockServer()

const ShowClient = defineComponent(() => {
  const client = useClient()
  return () => h('p', client === seen.expected ? 'the client' : 'another client')
})
const seen: { expected?: unknown } = {}

test('the plugin provides the client; clientKey gives a subtree another one', () => {
  const client = createTestClient()
  const other = createTestClient()
  seen.expected = client
  const view = render(ShowClient, withClient(client))
  expect(view.getByText('the client')).toBeTruthy()
  view.unmount()

  const Nested = defineComponent(() => {
    provide(clientKey, other)
    return () => h(ShowClient)
  })
  expect(render(Nested, withClient(client)).getByText('another client')).toBeTruthy()
})

test('a composable without the plugin throws and says how to install it', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  expect(() => render(ShowClient)).toThrow('app.use(wirestate, { client })')
  warn.mockRestore()
})

test('installing without a client fails at the first composable, saying how to install it', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const app = createApp(ShowClient)
  // biome-ignore lint/suspicious/noExplicitAny: the misuse under test
  app.use(wirestate, {} as any)
  expect(() => app.mount(document.createElement('div'))).toThrow('app.use(wirestate, { client })')
  warn.mockRestore()
})
