import { decodeFrame, encodeFrame, type Message } from '@wirestate/core/protocol'
import { expect, test } from 'vitest'
import { SOCKET_URL, until, useMockServer } from './harness.ts'

const { mock } = useMockServer()

/** A bare WebSocket (msw intercepts Node's global one) that keeps what it receives. */
async function openRaw(query = '?vsn=2.0.0') {
  const socket = new WebSocket(`${SOCKET_URL}${query}`)
  socket.binaryType = 'arraybuffer'
  const received: Message[] = []
  socket.addEventListener('message', (e) => {
    const result = decodeFrame(e.data)
    if (result.ok) received.push(result.message)
  })
  const closed = new Promise<CloseEvent>((resolve) => socket.addEventListener('close', resolve))
  await new Promise((resolve) => {
    socket.addEventListener('open', resolve)
    socket.addEventListener('close', resolve)
  })
  const send = (...frame: [string | null, string | null, string, string, unknown]) =>
    socket.send(JSON.stringify(frame))
  return { socket, received, closed, send }
}

const brief = (m: Message) => [m.joinRef, m.ref, m.topic, m.event, m.payload]

test('a malformed frame is recorded and closes the socket with 1011, as on the server', async () => {
  const raw = await openRaw()
  raw.send(null, '1', 'phoenix', 'heartbeat', {})
  await until(() => expect(raw.received).toHaveLength(1))
  raw.socket.send('[1,2,3]')
  expect((await raw.closed).code).toBe(1011)
  expect(mock.errors).toEqual([
    { kind: 'malformed', connection: 1, frame: '[1,2,3]', reason: 'not a v2 array' },
  ])
  expect(mock.received.map((f) => f.message.event)).toEqual(['heartbeat'])
  expect(mock.connections[0]?.status).toBe('closed')
  for (const bad of ['this is not json', new Uint8Array([9, 9])]) {
    const next = await openRaw()
    next.socket.send(bad)
    expect((await next.closed).code).toBe(1011)
  }
  expect(mock.errors.map((e) => e.kind === 'malformed' && [e.connection, e.reason])).toEqual([
    [1, 'not a v2 array'],
    [2, 'not JSON'],
    [3, expect.any(String)],
  ])
})

test('a socket URL without vsn=2.0.0 is refused and recorded', async () => {
  const raw = await openRaw('?vsn=1.0.0')
  expect((await raw.closed).code).toBe(1006)
  expect(mock.errors).toEqual([
    { kind: 'connection', connection: 1, reason: 'vsn=2.0.0 is required, got 1.0.0' },
  ])
  expect(mock.connections[0]?.status).toBe('refused')
})

test('Phoenix edge cases: duplicate join, unmatched topic, stale join_ref', async () => {
  mock.onPush('room:*', 'ping', () => ({ ok: { pong: true } }))
  const raw = await openRaw()
  raw.send('1', '1', 'room:raw', 'phx_join', {})
  raw.send('2', '2', 'room:raw', 'phx_join', {})
  raw.send(null, '3', 'room:other', 'ping', {})
  raw.send('1', '4', 'room:raw', 'ping', {}) // the old join's ref: ignored
  raw.send('2', '5', 'room:raw', 'ping', {})
  await until(() => expect(raw.received).toHaveLength(5))
  // Topics proceed independently, so only the order within a topic is fixed.
  const on = (topic: string) => raw.received.filter((m) => m.topic === topic).map(brief)
  expect(on('room:raw')).toEqual([
    ['1', '1', 'room:raw', 'phx_reply', { status: 'ok', response: {} }],
    ['2', '2', 'room:raw', 'phx_reply', { status: 'ok', response: {} }],
    ['1', '1', 'room:raw', 'phx_close', {}],
    ['2', '5', 'room:raw', 'phx_reply', { status: 'ok', response: { pong: true } }],
  ])
  expect(on('room:other')).toEqual([
    [
      null,
      '3',
      'room:other',
      'phx_reply',
      { status: 'error', response: { reason: 'unmatched topic' } },
    ],
  ])
  raw.socket.close()
})

test('a leave of a topic not joined still gets an ok reply', async () => {
  const raw = await openRaw()
  raw.send('7', '8', 'room:never', 'phx_leave', {})
  await until(() => expect(raw.received).toHaveLength(1))
  expect(brief(raw.received[0] as Message)).toEqual([
    '7',
    '8',
    'room:never',
    'phx_reply',
    { status: 'ok', response: {} },
  ])
  raw.socket.close()
})

test('binary pushes are decoded; an ArrayBuffer response is a binary reply', async () => {
  mock.onPush('room:*', 'upload', (payload) => ({
    ok: new Uint8Array([(payload as ArrayBuffer).byteLength]).buffer,
  }))
  const raw = await openRaw()
  raw.send('1', '1', 'room:bin', 'phx_join', {})
  const data = new Uint8Array([1, 2, 3]).buffer
  raw.socket.send(
    encodeFrame({ joinRef: '1', ref: '2', topic: 'room:bin', event: 'upload', payload: data }),
  )
  await until(() => expect(raw.received).toHaveLength(2))
  const reply = raw.received[1] as Message
  expect(reply).toMatchObject({ joinRef: '1', ref: '2', topic: 'room:bin', event: 'phx_reply' })
  const { status, response } = reply.payload as { status: string; response: ArrayBuffer }
  expect([status, [...new Uint8Array(response)]]).toEqual(['ok', [3]])
  expect(mock.pushes('room:bin', 'upload')[0]?.payload).toEqual(data)
  raw.socket.close()
})

test('a handler that returns something that is not a reply is recorded as a handler error', async () => {
  mock.onPush('room:*', 'oops', () => ({ id: 1 }) as never)
  const raw = await openRaw()
  raw.send('1', '1', 'room:x', 'phx_join', {})
  raw.send('1', '2', 'room:x', 'oops', {})
  await until(() => expect(raw.received).toHaveLength(2))
  expect(raw.received[1]?.event).toBe('phx_error')
  expect(mock.errors).toMatchObject([{ kind: 'handler', topic: 'room:x', event: 'oops' }])
  expect(String((mock.errors[0] as { error: unknown }).error)).toMatch(/\{ ok: response \}/)
  raw.socket.close()
})
