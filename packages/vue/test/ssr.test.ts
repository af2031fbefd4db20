// @vitest-environment node

import { expect, test } from 'vitest'
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import {
  useChannel,
  useChannelEvent,
  useChat,
  useConnectionStatus,
  useNotifications,
  usePresence,
  wirestate,
} from '../src/index.ts'
import { useMockServer } from './harness.ts'

const { mock, createTestClient } = useMockServer()

const Page = defineComponent(() => {
  const status = useConnectionStatus()
  const { state } = useChannel('room:1', { onMessage: () => {} })
  const { count } = usePresence('room:1')
  useChannelEvent('room:2', 'ping', () => {})
  const { messages } = useChat('room:1')
  const { unread } = useNotifications('user:ann:notifications')
  return () =>
    h(
      'p',
      `${status.value.status} ${state.value.status} ${count.value} ${messages.value.length} ${unread.value}`,
    )
})

test('a server render shows the initial state and opens no socket', async () => {
  expect(typeof window).toBe('undefined')
  const client = createTestClient()
  const events: string[] = []
  client.inspect((e) => events.push(e.kind === 'command' ? e.command.type : e.kind))

  const html = await renderToString(createSSRApp(Page).use(wirestate, { client }))

  expect(html).toBe('<p>idle closed 0 0 0</p>')
  // Long enough for a socket the render had started to open and join.
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(events).toEqual([])
  expect(mock.connections).toEqual([])
  expect(client.$status.value).toEqual({ status: 'idle' })
})
