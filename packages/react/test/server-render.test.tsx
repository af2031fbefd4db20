// @vitest-environment node
import { useStore } from '@nanostores/react'
import { type Client, createClient } from '@wirestate/core'
import { presence } from '@wirestate/core/presence'
import { createMockServer } from '@wirestate/testing'
import { setupServer } from 'msw/node'
import { computed } from 'nanostores'
import { renderToString } from 'react-dom/server'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import {
  useChannel,
  useChannelEvent,
  useChat,
  useClient,
  useConnection,
  useNotifications,
  usePresence,
  WirestateProvider,
} from '../src/index.ts'

// Rendered as on a server: Node's own global WebSocket, no DOM, and msw watching it.
const mock = createMockServer({ url: 'ws://localhost/socket' })
const network = setupServer(mock.handler)
beforeAll(() => network.listen({ onUnhandledFrame: 'error' }))
afterAll(() => network.close())

function Page() {
  const { status } = useConnection()
  const { state } = useChannel('room:1', { onMessage: () => {} })
  const { count } = usePresence('room:1')
  useChannelEvent('room:1', 'new_msg', () => {})
  const { messages } = useChat('room:1:chat')
  const { unread } = useNotifications('user:7:notifications')
  return (
    <p>
      socket {status}, room {state.status}, {count} online, {messages.length} messages, {unread}{' '}
      unread
    </p>
  )
}

function Online() {
  const room = presence(useClient().channel('room:1'))
  const $label = computed(room.$count, (n) => `${n} online`)
  return <p>{useStore($label)}</p>
}

/** Commands the client sent: a join or a socket would show here, synchronously. */
function commandsOf(client: Client): string[] {
  const commands: string[] = []
  client.inspect((e) => e.kind === 'command' && commands.push(e.command.type))
  return commands
}

/** Lets every microtask and zero-delay task run: when a join would have started. */
const settle = () => new Promise((resolve) => setTimeout(resolve))

test('a server render with useStore reads every store and makes 0 joins and 0 sockets, even with a WebSocket', async () => {
  expect(typeof window).toBe('undefined')
  // Given one explicitly: a socket could open, so this is about reads, not the environment.
  const client = createClient({ url: 'ws://localhost/socket', WebSocket: globalThis.WebSocket })
  const commands = commandsOf(client)
  const html = renderToString(
    <WirestateProvider client={client}>
      <Page />
    </WirestateProvider>,
  )
  expect(html.replaceAll('<!-- -->', '')).toBe(
    '<p>socket idle, room closed, 0 online, 0 messages, 0 unread</p>',
  )
  await settle()
  expect(commands).toEqual([])
  expect(mock.connections).toEqual([])
  expect(client.$status.get()).toEqual({ status: 'idle' })
  expect(client.channel('room:1').$state.get()).toEqual({ status: 'closed' })
})

test('on a server (no window) a computed over a channel store in useStore connects nothing', async () => {
  const logger = { warn: vi.fn(), error: vi.fn() }
  // As an app creates its client: no WebSocket given, and there is no window here.
  const client = createClient({ url: 'ws://localhost/socket', logger })
  const commands = commandsOf(client)
  const html = renderToString(
    <WirestateProvider client={client}>
      <Online />
    </WirestateProvider>,
  )
  expect(html).toBe('<p>0 online</p>')
  await settle()
  expect(commands).toEqual([])
  expect(mock.connections).toEqual([])
  // nanostores keeps a computed read with get() mounted for 1 s, which asks for the join.
  expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/not connecting: no WebSocket/))
})
