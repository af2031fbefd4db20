import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import { createClient } from '../src/client.ts'
import type { PushError } from '../src/errors.ts'
import { type PhoenixLikeServer, startPhoenixLikeServer } from './phoenix-like-server.ts'

let server: PhoenixLikeServer

beforeAll(async () => {
  server = await startPhoenixLikeServer()
})

afterAll(async () => {
  await server.close()
})

const options = () => ({
  url: server.url,
  params: () => ({ token: 'secret', at: server.urls.length }),
  reconnect: { minDelayMs: 20, maxDelayMs: 100 },
  // Node has no window: a client there opens a socket only when given one.
  WebSocket: globalThis.WebSocket,
})

test('connect, join, push and reply, broadcast, reconnect and rejoin after a drop, close', async () => {
  const alice = createClient(options())
  const bob = createClient(options())
  const aliceRoom = alice.channel('room:lobby')
  const bobRoom = bob.channel('room:lobby')
  const heard: unknown[] = []
  bobRoom.on('new_msg', (msg) => heard.push(msg))
  const offAlice = aliceRoom.$state.subscribe(() => {})
  const offBob = bobRoom.$state.subscribe(() => {})
  await vi.waitFor(() => {
    expect(aliceRoom.$state.get()).toEqual({ status: 'joined' })
    expect(bobRoom.$state.get()).toEqual({ status: 'joined' })
  })
  expect(alice.$status.get()).toEqual({ status: 'connected' })
  expect(server.urls[0]).toBe('/socket/websocket?token=secret&at=0&vsn=2.0.0&refusal=close')

  expect(await aliceRoom.push('new_msg', { body: 'hello' })).toEqual({ id: 1 })
  expect(await aliceRoom.push('echo', { a: [1, 2] })).toEqual({ a: [1, 2] })
  await vi.waitFor(() => expect(heard).toEqual([{ body: 'hello' }]))

  server.dropAll()
  await vi.waitFor(() => {
    expect(server.urls).toHaveLength(4)
    expect(aliceRoom.$state.get()).toEqual({ status: 'joined' })
    expect(bobRoom.$state.get()).toEqual({ status: 'joined' })
  })
  expect(server.urls.slice(2).every((u) => /at=[23]/.test(u))).toBe(true)
  expect(server.received.filter((f) => f[3] === 'phx_join')).toHaveLength(4)
  expect(await aliceRoom.push('new_msg', { body: 'after the drop' })).toEqual({ id: 2 })
  await vi.waitFor(() => expect(heard).toHaveLength(2))

  const refused = alice.channel('room:private')
  refused.join()
  await vi.waitFor(() =>
    expect(refused.$state.get()).toEqual({
      status: 'errored',
      reason: 'unauthorized',
      fatal: true,
      response: { reason: 'unauthorized' },
    }),
  )

  // The last subscriber leaves after nanostores' 1 s grace period: phx_leave, reply, closed.
  offAlice()
  offBob()
  await vi.waitFor(() => expect(aliceRoom.$state.value).toEqual({ status: 'closed' }), 3_000)
  expect(server.received.filter((f) => f[3] === 'phx_leave').length).toBeGreaterThan(0)
  const late = await aliceRoom.push('new_msg', {}).catch((e: PushError) => e)
  expect(late).toMatchObject({ code: 'channel_closed' })

  alice.disconnect()
  bob.disconnect()
  await vi.waitFor(() => {
    expect(alice.$status.get()).toEqual({ status: 'disconnected', reason: 'client' })
    expect(bob.$status.get()).toEqual({ status: 'disconnected', reason: 'client' })
  })
})
