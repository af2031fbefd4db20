/// <reference types="msw/vite/client" />

import { network } from 'virtual:msw'
import { createClient, notifyManager } from '@wirestate/core'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import { createMockServer } from '../src/index.ts'

const mock = createMockServer({ url: 'ws://localhost/socket' })

beforeAll(async () => {
  notifyManager.setScheduler((flush) => queueMicrotask(flush))
  network.configure({ handlers: [mock.handler], context: { quiet: true } })
  await network.enable()
})
afterAll(() => network.disable())

test('in Chromium: join, push and reply, broadcast, presence, drop and rejoin', async () => {
  expect(navigator.userAgent).toMatch(/Chrome/)
  mock.onPush<{ body: string }>('room:*', 'new_msg', ({ body }) => ({
    ok: { length: body.length },
  }))
  mock.presence('room:1').join('bob', { status: 'here' })
  const client = createClient({
    url: 'ws://localhost/socket',
    params: { user: 'ann' },
    reconnect: { minDelayMs: 5, maxDelayMs: 20, jitter: 0 },
  })
  const room = client.channel('room:1')
  const heard: unknown[] = []
  room.on('new_msg', (m) => heard.push(m))
  room.on('presence_state', (p) => heard.push(p))
  const statuses: string[] = []
  client.$status.subscribe((s) => statuses.push(s.status))
  room.join()

  await expect(room.push('new_msg', { body: 'hello' })).resolves.toEqual({ length: 5 })
  mock.broadcast('room:1', 'new_msg', { body: 'hi from the server' })
  await vi.waitFor(() => expect(heard).toHaveLength(2))
  expect(heard).toEqual([
    { bob: { metas: [{ status: 'here', phx_ref: 'p1' }] } },
    { body: 'hi from the server' },
  ])

  mock.drop()
  await vi.waitFor(() => expect(mock.pushes('room:1', 'phx_join')).toHaveLength(2))
  await vi.waitFor(() => expect(mock.connections[1]?.topics).toEqual(['room:1']))
  expect(statuses).toEqual(['idle', 'connecting', 'connected', 'reconnecting', 'connected'])
  expect(mock.connections.map((c) => [c.status, c.params.user])).toEqual([
    ['closed', 'ann'],
    ['open', 'ann'],
  ])
  expect(mock.errors).toEqual([])
  client.disconnect()
  mock.reset()
})
