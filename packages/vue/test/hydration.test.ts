import { expect, test, vi } from 'vitest'
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { useChannel, useConnectionStatus, usePresence, wirestate } from '../src/index.ts'
import { until, useMockServer } from './harness.ts'

const { mock, createTestClient } = useMockServer()

const Page = defineComponent(() => {
  const status = useConnectionStatus()
  const { state } = useChannel('room:1')
  const { count } = usePresence('room:1')
  return () => h('p', `${status.value.status} ${state.value.status} ${count.value}`)
})

test('the server html hydrates without a mismatch, then the channel joins', async () => {
  const html = await renderToString(
    createSSRApp(Page).use(wirestate, { client: createTestClient() }),
  )
  expect(html).toBe('<p>idle closed 0</p>')
  expect(mock.connections).toEqual([])

  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const container = document.createElement('div')
  container.innerHTML = html
  mock.presence('room:1').join('alice')
  const app = createSSRApp(Page).use(wirestate, { client: createTestClient() })
  app.mount(container)
  expect(warn).not.toHaveBeenCalled()
  warn.mockRestore()
  await until(() => expect(container.textContent).toBe('connected joined 1'))
  app.unmount()
})
