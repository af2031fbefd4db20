import { expect, test } from 'vitest'
import { SOCKET_URL, until, useMockServer } from './harness.ts'

// These suites are not about routes: any topic joins (the default is the server's).
const { mock, connect } = useMockServer({ catchAll: true })

function statuses(test: {
  client: { $status: { subscribe(cb: (s: { status: string }) => void): unknown } }
}) {
  const seen: string[] = []
  test.client.$status.subscribe((s) => seen.push(s.status))
  return seen
}

test('drop(): the client goes reconnecting, connects again and its channel rejoins', async () => {
  const test = connect()
  const seen = statuses(test)
  const room = test.client.channel('room:1')
  room.join()
  await until(() => expect(test.events).toContain('ChannelJoined'))
  expect(mock.connectionCount).toBe(1)

  mock.drop()
  await until(() => expect(test.events.filter((e) => e === 'ChannelJoined')).toHaveLength(2))
  expect(seen).toEqual(['idle', 'connecting', 'connected', 'reconnecting', 'connected'])
  expect(test.events).toEqual([
    'StatusChanged',
    'SocketOpened',
    'StatusChanged',
    'ChannelJoined',
    'SocketClosed',
    'StatusChanged',
    'ReconnectScheduled',
    'SocketOpened',
    'StatusChanged',
    'ChannelJoined',
  ])
  expect(mock.connections.map((c) => c.status)).toEqual(['closed', 'open'])
  expect(mock.connections[1]?.topics).toEqual(['room:1'])
  expect(mock.connectionCount).toBe(1)
  expect(mock.pushes('room:1', 'phx_join')).toHaveLength(2)
})

test('a dropped socket closes with 1006, which the client retries', async () => {
  const test = connect()
  const closes: unknown[] = []
  test.client.inspect(
    (e) => e.kind === 'event' && e.event.type === 'SocketClosed' && closes.push(e.event),
  )
  test.client.channel('room:1').join()
  await until(() => expect(mock.connectionCount).toBe(1))
  mock.drop()
  await until(() => expect(closes).toHaveLength(1))
  expect(closes[0]).toMatchObject({ code: 1006, closeClass: 'retry' })
})

test('goOffline() refuses reconnects until goOnline()', async () => {
  const test = connect()
  test.client.channel('room:1').join()
  await until(() => expect(test.events).toContain('ChannelJoined'))
  mock.goOffline()
  expect(mock.online).toBe(false)
  await until(() =>
    expect(mock.connections.filter((c) => c.status === 'refused').length).toBeGreaterThan(1),
  )
  expect(test.client.$status.get()).toMatchObject({ status: 'reconnecting' })
  expect(mock.connectionCount).toBe(0)
  mock.goOnline()
  await until(() => expect(test.events.filter((e) => e === 'ChannelJoined')).toHaveLength(2))
  const states = mock.connections.map((c) => c.status)
  expect(states[0]).toBe('closed')
  expect(states.at(-1)).toBe('open')
  expect(new Set(states.slice(1, -1))).toEqual(new Set(['refused']))
})

test('close(code) closes with that code: 4000 stops the client', async () => {
  const test = connect()
  test.client.channel('room:1').join()
  await until(() => expect(mock.connectionCount).toBe(1))
  mock.close(4000, 'go away')
  await until(() =>
    expect(test.client.$status.get()).toEqual({
      status: 'disconnected',
      reason: 'server',
      code: 4000,
      message: 'go away',
    }),
  )
  expect(mock.connections).toHaveLength(1)
})

test('onConnect() sees the connect params and can refuse: the client stops as unauthorized, as against the server', async () => {
  mock.onConnect(({ params }) => params.token === 'good')
  const bad = connect({ params: { token: 'bad' } })
  const joined = bad.client.channel('room:1').join()
  await until(() =>
    expect(bad.client.$status.get()).toEqual({
      status: 'disconnected',
      reason: 'unauthorized',
      code: 4401,
      message: 'unauthorized',
    }),
  )
  await expect(joined).rejects.toMatchObject({ code: 'closed' })
  const good = connect({ params: { token: 'good' } })
  good.client.channel('room:1').join()
  await until(() => expect(good.events).toContain('ChannelJoined'))
  // One attempt: a refusal is not retried.
  expect(mock.connections.map((c) => [c.params.token, c.status])).toEqual([
    ['bad', 'refused'],
    ['good', 'open'],
  ])
})

test('a client that does not ask for refusals as closes (phoenix.js) sees 1006, as after an HTTP 403', async () => {
  mock.onConnect(() => false)
  const socket = new WebSocket(`${SOCKET_URL}?vsn=2.0.0&token=bad`)
  const code = await new Promise<number>((resolve) => {
    socket.onclose = (event) => resolve(event.code)
  })
  expect(code).toBe(1006)
  expect(mock.connections.map((c) => c.status)).toEqual(['refused'])
})

test('heartbeats are answered, recorded, and left out of pushes()', async () => {
  // A heartbeat without a reply within 30 ms would make the client reconnect.
  const test = connect({ heartbeatIntervalMs: 10, heartbeatTimeoutMs: 30 })
  test.client.channel('room:1').join()
  await until(() => {
    const beats = mock.received.filter((f) => f.message.topic === 'phoenix')
    expect(beats.length).toBeGreaterThanOrEqual(5)
  })
  const beat = mock.received.find((f) => f.message.topic === 'phoenix')?.message
  expect(beat).toMatchObject({ topic: 'phoenix', event: 'heartbeat', joinRef: null })
  const reply = mock.sent.find((f) => f.message.topic === 'phoenix')?.message
  expect(reply).toEqual({
    joinRef: null,
    ref: beat?.ref,
    topic: 'phoenix',
    event: 'phx_reply',
    payload: { status: 'ok', response: {} },
  })
  expect(mock.pushes().map((m) => m.event)).toEqual(['phx_join'])
  expect(test.events).not.toContain('HeartbeatMissed')
  expect(mock.connections).toHaveLength(1)
})

test('crashChannel() sends phx_error (the client rejoins); closeChannel() phx_close', async () => {
  const test = connect()
  const room = test.client.channel('room:1')
  const states: string[] = []
  // Consecutive repeats left out: the client sets `joining` again when the socket opens.
  room.$state.subscribe((s) => states.at(-1) !== s.status && states.push(s.status))
  await until(() => expect(test.events).toContain('ChannelJoined'))
  mock.crashChannel('room:1')
  await until(() => expect(test.events.filter((e) => e === 'ChannelJoined')).toHaveLength(2))
  mock.closeChannel('room:1')
  await until(() => expect(test.events).toContain('ChannelClosed'))
  expect(test.events.filter((e) => e.startsWith('Channel'))).toEqual([
    'ChannelJoined',
    'ChannelErrored',
    'ChannelJoined',
    'ChannelClosed',
  ])
  // The subscriber sees `closed` first: the join starts in the microtask after it came.
  expect(states).toEqual(['closed', 'joining', 'joined', 'errored', 'joining', 'joined', 'closed'])
  expect(room.$state.get()).toEqual({ status: 'closed', reason: 'server' })
  expect(mock.connections[0]?.topics).toEqual([])
})

test('reset() closes connections and forgets rules, records and ids', async () => {
  mock.onJoin('room:*', () => ({ error: { reason: 'nope' } }))
  mock.presence('room:1').join('bob')
  mock.stream('room:1').append('new_msg', { body: 'x' })
  const test = connect()
  test.client.channel('room:1').join()
  await until(() => expect(test.events).toContain('ChannelJoinRejected'))
  test.client.disconnect()
  mock.reset()
  expect([mock.received, mock.sent, mock.errors, mock.connections]).toEqual([[], [], [], []])
  expect(mock.presence('room:1').state()).toEqual({})
  expect(mock.stream('room:1').entries).toEqual([])
  expect(mock.presence('room:1').join('carol')).toBe('p1')

  const again = connect()
  again.client.channel('room:1').join()
  await until(() => expect(again.events).toContain('ChannelJoined'))
  expect(mock.connections.map((c) => c.id)).toEqual([1])
})
