import { act, screen, waitFor } from '@testing-library/react'
import type { PushError } from '@wirestate/core'
import { createManualClock } from '@wirestate/testing'
import { useState } from 'react'
import { expect, test, vi } from 'vitest'
import { type MessageListener, useChannel, useChannelEvent } from '../src/index.ts'
import { setupMockServer } from './harness.tsx'

const { mock, createTestClient, renderWithClient } = setupMockServer()

interface PingEvents {
  push: {
    ping: { payload: { n: number }; reply: { pong: number } }
    boom: { payload: { n: number }; reply: { pong: number } }
  }
}

function Pinger() {
  const { state, push } = useChannel<PingEvents>('room:1', { params: { nick: 'ann' } })
  const [reply, setReply] = useState('none')
  const send = (event: 'ping' | 'boom') =>
    push(event, { n: 7 }).then(
      (r) => setReply(`pong ${r.pong}`),
      (e: PushError) => setReply(`${e.code} ${JSON.stringify(e.response)}`),
    )
  return (
    <>
      <output>{state.status}</output>
      <button type="button" onClick={() => send('ping')}>
        ping
      </button>
      <button type="button" onClick={() => send('boom')}>
        boom
      </button>
      <p>{reply}</p>
    </>
  )
}

function RoomState({ topic, onMessage }: { topic: string; onMessage?: MessageListener }) {
  const { state } = useChannel(topic, onMessage ? { onMessage } : {})
  return (
    <output>{state.status === 'errored' ? `${state.reason} ${state.fatal}` : state.status}</output>
  )
}

interface AnnounceEvents {
  receive: { announce: { body: string }; other: { body: string } }
}

function Announcement({ prefix }: { prefix: string }) {
  const [text, setText] = useState('nothing yet')
  useChannelEvent<AnnounceEvents, 'announce'>('room:1', 'announce', (p) =>
    setText(`${prefix}: ${p.body}`),
  )
  return <p>{text}</p>
}

test('useChannel joins with its params, renders the state and pushes', async () => {
  mock.onPush('room:*', 'ping', (payload: { n: number }) => ({ ok: { pong: payload.n } }))
  mock.onPush('room:*', 'boom', () => ({ error: { reason: 'nope' } }))
  const { client } = renderWithClient(<Pinger />)
  // render() commits and runs effects: subscribed; the join starts in the next microtask.
  expect(screen.getByRole('status').textContent).toBe('closed')
  await screen.findByText('joined')
  expect(mock.pushes('room:1', 'phx_join').map((m) => m.payload)).toEqual([{ nick: 'ann' }])

  act(() => screen.getByText('ping').click())
  await screen.findByText('pong 7')
  act(() => screen.getByText('boom').click())
  await screen.findByText('error {"reason":"nope"}')
  expect(mock.pushes('room:1').map((m) => m.event)).toEqual(['phx_join', 'ping', 'boom'])
  expect(client.channel('room:1')).toBe(client.channel('room:1'))
})

test('useChannel shows a refused join as errored', async () => {
  mock.onJoin('room:secret', () => ({ error: { reason: 'unauthorized' } }))
  renderWithClient(<RoomState topic="room:secret" />)
  await screen.findByText('unauthorized true')
})

test('onMessage gets every event, and the latest callback without resubscribing', async () => {
  const heard: string[] = []
  const listener =
    (label: string): MessageListener =>
    (event, payload) =>
      heard.push(`${label} ${event} ${JSON.stringify(payload)}`)
  const { rerender, client } = renderWithClient(
    <RoomState topic="room:1" onMessage={listener('a')} />,
  )
  await screen.findByText('joined')
  mock.broadcast('room:1', 'new_msg', { body: 'hi' })
  mock.broadcast('room:1', 'typing', { user: 'bob' })
  mock.broadcast('room:2', 'new_msg', { body: 'elsewhere' })
  await waitFor(() => expect(heard).toHaveLength(2))

  rerender(<RoomState topic="room:1" onMessage={listener('b')} />)
  mock.broadcast('room:1', 'new_msg', { body: 'again' })
  await waitFor(() => expect(heard).toHaveLength(3))
  expect(heard).toEqual([
    'a new_msg {"body":"hi"}',
    'a typing {"user":"bob"}',
    'b new_msg {"body":"again"}',
  ])
  expect(mock.pushes('room:1').map((m) => m.event)).toEqual(['phx_join'])

  rerender(<RoomState topic="room:1" />) // no callback any more: nothing is called
  // Messages reach listeners in order, in one flush: once `done` arrived, `unheard` did.
  const done = client.channel('room:1').once('done')
  mock.broadcast('room:1', 'new_msg', { body: 'unheard' })
  mock.broadcast('room:1', 'done', {})
  await done
  expect(heard).toHaveLength(3)
})

test('an onMessage that throws is logged and the message still reaches other listeners', async () => {
  const logger = { warn: vi.fn(), error: vi.fn() }
  const client = createTestClient({ logger })
  const others: unknown[] = []
  client.channel('room:1').on('new_msg', (payload) => others.push(payload))
  const fail = () => {
    throw new Error('bad callback')
  }
  renderWithClient(<RoomState topic="room:1" onMessage={fail} />, { client })
  await screen.findByText('joined')
  mock.broadcast('room:1', 'new_msg', { body: 'hi' })
  await waitFor(() => expect(others).toEqual([{ body: 'hi' }]))
  expect(logger.error).toHaveBeenCalledWith(
    'wirestate: a listener threw',
    new Error('bad callback'),
  )
})

test('useChannelEvent joins, hears one event, and calls the latest callback', async () => {
  const { rerender } = renderWithClient(<Announcement prefix="a" />)
  await waitFor(() => expect(mock.connections[0]?.topics).toEqual(['room:1']))
  mock.broadcast('room:1', 'other', { body: 'ignored' })
  mock.broadcast('room:1', 'announce', { body: 'one' })
  await screen.findByText('a: one')

  rerender(<Announcement prefix="b" />)
  mock.broadcast('room:1', 'announce', { body: 'two' })
  await screen.findByText('b: two')
  expect(mock.pushes('room:1').map((m) => m.event)).toEqual(['phx_join'])
})

test('switching topics joins the new channel and leaves the old one after the grace period', async () => {
  const clock = createManualClock()
  const client = createTestClient({ timers: clock.timers })
  const { rerender } = renderWithClient(<RoomState topic="room:1" />, { client })
  await screen.findByText('joined')
  rerender(<RoomState topic="room:2" />)
  await waitFor(() => expect(mock.pushes('room:2', 'phx_join')).toHaveLength(1))
  await screen.findByText('joined')
  clock.advance(999)
  expect(mock.pushes('room:1').map((m) => m.event)).toEqual(['phx_join'])
  clock.advance(1)
  await waitFor(() => expect(mock.connections[0]?.topics).toEqual(['room:2']))
  expect(mock.pushes('room:1').map((m) => m.event)).toEqual(['phx_join', 'phx_leave'])
})
