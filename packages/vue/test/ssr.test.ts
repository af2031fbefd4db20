// @vitest-environment node

import { useStore } from '@nanostores/vue'
import { type Client, createClient } from '@wirestate/core'
import { presence } from '@wirestate/core/presence'
import { computed } from 'nanostores'
import { expect, test, vi } from 'vitest'
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import {
  useChannel,
  useChannelEvent,
  useChat,
  useClient,
  useConnection,
  useNotifications,
  usePresence,
  wirestate,
} from '../src/index.ts'
import { SOCKET_URL, useMockServer } from './harness.ts'
import { HYDRATION_HTML, HydrationPage } from './hydration-page.ts'

// Real Vue SSR: Node without `window`, where @nanostores/vue reads stores with get().
const { mock } = useMockServer()

const Page = defineComponent(() => {
  const connection = useConnection()
  const { state } = useChannel('room:1', { onMessage: () => {} })
  const { count } = usePresence('room:1')
  useChannelEvent('room:2', 'ping', () => {})
  const { messages } = useChat('room:1')
  const { unread } = useNotifications('user:ann:notifications')
  return () =>
    h(
      'p',
      `${connection.value.status} ${state.value.status} ${count.value} ${messages.value.length} ${unread.value}`,
    )
})

const Online = defineComponent(() => {
  const $online = computed(presence(useClient().channel('room:1')).$count, (n) => `${n} here`)
  const online = useStore($online)
  return () => h('p', online.value)
})

/** Commands the client sent: a join or a socket would show here, synchronously. */
function commandsOf(client: Client): string[] {
  const commands: string[] = []
  client.inspect((e) => e.kind === 'command' && commands.push(e.command.type))
  return commands
}

/** Lets every microtask and zero-delay task run: when a join would have started. */
const settle = () => new Promise((resolve) => setTimeout(resolve))

test('renderToString from vue/server-renderer reads every store: 0 joins, 0 sockets, even with a WebSocket', async () => {
  expect(typeof window).toBe('undefined')
  // Given one explicitly: a socket could open, so this is about reads, not the environment.
  const client = createClient({ url: SOCKET_URL, WebSocket: globalThis.WebSocket })
  const commands = commandsOf(client)

  const html = await renderToString(createSSRApp(Page).use(wirestate, { client }))

  expect(html).toBe('<p>idle closed 0 0 0</p>')
  await settle()
  expect(commands).toEqual([])
  expect(mock.connections).toEqual([])
  expect(client.$status.get()).toEqual({ status: 'idle' })
})

test('on a server (no window) a computed over a channel store connects nothing', async () => {
  const logger = { warn: vi.fn(), error: vi.fn() }
  // As an app creates its client: no WebSocket given, and there is no window here.
  const client = createClient({ url: SOCKET_URL, logger })
  const commands = commandsOf(client)

  const html = await renderToString(createSSRApp(Online).use(wirestate, { client }))

  expect(html).toBe('<p>0 here</p>')
  await settle()
  expect(commands).toEqual([])
  expect(mock.connections).toEqual([])
  // nanostores keeps a computed read with get() mounted for 1 s, which asks for the join.
  expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/not connecting: no WebSocket/))
})

test('the hydration test’s page renders the html that test hydrates', async () => {
  const client = createClient({ url: SOCKET_URL, WebSocket: globalThis.WebSocket })
  const commands = commandsOf(client)
  expect(await renderToString(createSSRApp(HydrationPage).use(wirestate, { client }))).toBe(
    HYDRATION_HTML,
  )
  await settle()
  expect(commands).toEqual([])
})
