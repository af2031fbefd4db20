import { fireEvent, render, screen } from '@testing-library/svelte'
import { createManualClock } from '@wirestate/testing'
import { expect, test } from 'vitest'
import { renderWithClient, until, useMockServer } from './harness.ts'
import RoomView from './RoomView.svelte'
import StatusBadge from './StatusBadge.svelte'

const { mock, createTestClient } = useMockServer()

test('channel() joins with params while subscribed; on() and push() work from a component', async () => {
  mock.onPush('room:*', 'shout', (payload) => ({ ok: { echoed: payload } }))
  renderWithClient(createTestClient(), RoomView, { topic: 'room:1' })

  await until(() => expect(screen.getByTestId('state').textContent).toBe('joined'))
  expect(mock.pushes('room:1', 'phx_join').map((m) => m.payload)).toEqual([{ nick: 'ann' }])
  mock.broadcast('room:1', 'said', { body: 'hello' })
  mock.broadcast('room:1', 'said', { body: 'again' })
  await until(() => expect(screen.getAllByRole('listitem')).toHaveLength(2))
  expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['hello', 'again'])

  await fireEvent.click(screen.getByRole('button', { name: 'shout' }))
  expect(await screen.findByText('{"echoed":{"body":"hey"}}')).toBeTruthy()
})

test('unmounting unsubscribes: the channel leaves after the grace period; a remount within it joins once', async () => {
  const clock = createManualClock()
  const client = createTestClient({ timers: clock.timers })
  const sent: string[] = []
  client.inspect((e) => {
    const c = e.kind === 'command' ? e.command : undefined
    if (c?.type === 'JoinChannel' || c?.type === 'LeaveChannel') sent.push(c.type)
  })
  const first = renderWithClient(client, RoomView, { topic: 'room:1' })
  await until(() => expect(screen.getByTestId('state').textContent).toBe('joined'))
  first.unmount()
  clock.advance(500)
  const second = renderWithClient(client, RoomView, { topic: 'room:1' })
  expect(screen.getByTestId('state').textContent).toBe('joined')
  second.unmount()
  clock.advance(999)
  expect(sent).toEqual(['JoinChannel'])
  // The grace period (the client's leaveDelayMs, 1 s) is over: the channel leaves.
  clock.advance(1)
  expect(sent).toEqual(['JoinChannel', 'LeaveChannel'])
  await until(() => expect(mock.pushes('room:1', 'phx_leave')).toHaveLength(1))
  expect(mock.connections[0]?.topics).toEqual([])
})

test('without setClient in a parent, the functions throw and say what to do', () => {
  expect(() => render(StatusBadge)).toThrow('call setClient(client) in a parent component')
})
