import { expect, test, vi } from 'vitest'
import { createSSRApp } from 'vue'
import { wirestate } from '../src/index.ts'
import { until, useMockServer } from './harness.ts'
import { HYDRATION_HTML, HydrationPage } from './hydration-page.ts'

const { mock, createTestClient } = useMockServer()

// The server's html comes from ssr.test.ts, which renders the page in Node: @nanostores/vue
// takes "no window" for the server, so a server render here in jsdom would subscribe.
test('the server html hydrates without a mismatch, then the channel joins', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const container = document.createElement('div')
  container.innerHTML = HYDRATION_HTML
  mock.presence('room:1').join('alice')
  const app = createSSRApp(HydrationPage).use(wirestate, { client: createTestClient() })
  app.mount(container)
  expect(warn).not.toHaveBeenCalled()
  warn.mockRestore()
  await until(() => expect(container.textContent).toBe('connected joined 1'))
  app.unmount()
})
