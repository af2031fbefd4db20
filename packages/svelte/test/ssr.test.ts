// @vitest-environment node
import { render } from 'svelte/server'
import { expect, test } from 'vitest'
import { useMockServer } from './harness.ts'
import ServerPage from './ServerPage.svelte'
import WithClient from './WithClient.svelte'

const { mock, createTestClient } = useMockServer()

test('a server render shows the stores as they are and opens no socket', async () => {
  expect(typeof window).toBe('undefined')
  const client = createTestClient()
  const events: string[] = []
  client.inspect((e) => events.push(e.kind === 'command' ? e.command.type : e.kind))

  const { body } = render(WithClient, { props: { client, component: ServerPage } })

  expect(body).toContain('<p>idle closed 0 0 0 0 room:1</p>')
  // Long enough for a socket the render had started to open and join.
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(events).toEqual([])
  expect(mock.connections).toEqual([])
  expect(client.$status.value).toEqual({ status: 'idle' })
})
