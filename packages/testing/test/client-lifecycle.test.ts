import { createClient } from '@wirestate/core'
import { presence } from '@wirestate/core/presence'
import { expect, test } from 'vitest'
import { SOCKET_URL, until, useMockServer } from './harness.ts'

// The lifecycle `mock.createClient()` gives: each test's clients are disconnected by
// `reset()`, so the next test sees only its own users. Tests run in order and lean on
// each other on purpose: the second and fourth look for what the one before left.
const { mock } = useMockServer()

function trackUsers() {
  mock.onJoin('room:*', (_payload, ctx) => ctx.track(ctx.connection.params.user ?? 'anon'))
}

function watch(client: ReturnType<typeof mock.createClient>, topic: string) {
  const room = presence(client.channel(topic), { leaveDelayMs: 0 })
  const names: string[][] = []
  room.$members.subscribe((members) => names.push([...members.keys()]))
  return names
}

let first: ReturnType<typeof mock.createClient>

test('a client of the mock, in the first test', async () => {
  trackUsers()
  first = mock.createClient({ params: { user: 'first' } })
  const names = watch(first, 'room:1')
  await until(() => expect(names.at(-1)).toEqual(['first']))
})

test('the next test sees only its own users: the first client was disconnected by reset()', async () => {
  expect(first.$status.get().status).toBe('disconnected')
  trackUsers()
  const second = mock.createClient({ params: { user: 'second' } })
  const names = watch(second, 'room:1')
  await until(() => expect(names.at(-1)).toEqual(['second']))
  // Still only one connection since the reset: the first client never came back.
  expect(mock.connections.map((c) => c.params.user)).toEqual(['second'])
})

let stray: ReturnType<typeof createClient>

test('(control) a client made outside the mock is not disconnected by reset()', async () => {
  trackUsers()
  stray = createClient({
    url: SOCKET_URL,
    // Node has no window: a client made by hand there needs the (intercepted) global one.
    WebSocket: globalThis.WebSocket,
    params: { user: 'stray' },
    reconnect: { minDelayMs: 5, maxDelayMs: 20, jitter: 0 },
  })
  const names = watch(stray, 'room:1')
  await until(() => expect(names.at(-1)).toEqual(['stray']))
})

test('(control) ...and reconnects into the next test, where its user shows', async () => {
  trackUsers()
  const own = mock.createClient({ params: { user: 'own' } })
  const names = watch(own, 'room:1')
  await until(() => expect(new Set(names.at(-1))).toEqual(new Set(['own', 'stray'])))
  await stray.disconnect()
})
