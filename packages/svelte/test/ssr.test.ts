// @vitest-environment node
import { render } from 'svelte/server'
import { expect, test } from 'vitest'
import { useMockServer } from './harness.ts'
import ServerPage from './ServerPage.svelte'
import WithClient from './WithClient.svelte'

const { mock, createTestClient } = useMockServer()

test('a server render shows the stores as they are and opens no socket', async () => {
  expect(typeof window).toBe('undefined')
  // Given a WebSocket: a socket could open, so this is about reads (Svelte's server render
  // subscribes to each $store and unsubscribes when it ends), not the environment.
  const client = createTestClient({ WebSocket: globalThis.WebSocket })
  const events: string[] = []
  client.inspect((e) => events.push(e.kind === 'command' ? e.command.type : e.kind))

  const { body } = render(WithClient, { props: { client, component: ServerPage } })

  expect(body).toContain('<p>idle closed 0 0 0 0 room:1</p>')
  // Every microtask and zero-delay task has run: when a join would have started.
  await new Promise((resolve) => setTimeout(resolve))
  expect(events).toEqual([])
  expect(mock.connections).toEqual([])
  expect(client.$status.value).toEqual({ status: 'idle' })
})
