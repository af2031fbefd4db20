import { useStore } from '@nanostores/vue'
import { fireEvent, render, screen } from '@testing-library/vue'
import { type Client, defineFeature } from '@wirestate/core'
import { createManualClock } from '@wirestate/testing'
import { atom } from 'nanostores'
import { expect, test } from 'vitest'
import { defineComponent, h } from 'vue'
import { useChannel, useChannelEvent, useClient } from '../src/index.ts'
import { until, useMockServer, withClient } from './harness.ts'
import RoomView from './RoomView.vue'

const { mock, createTestClient } = useMockServer()

test('useChannel joins with params, delivers messages, pushes and gets the reply', async () => {
  mock.onPush('room:*', 'shout', (payload) => ({ ok: { echoed: payload } }))
  render(RoomView, { props: { topic: 'room:1' }, ...withClient(createTestClient()) })

  await until(() => expect(screen.getByTestId('state').textContent).toBe('joined'))
  expect(mock.pushes('room:1', 'phx_join').map((m) => m.payload)).toEqual([{ nick: 'ann' }])
  mock.broadcast('room:1', 'said', { body: 'hello' })
  mock.broadcast('room:1', 'ping', {})
  mock.broadcast('room:1', 'said', { body: 'again' })
  await until(() => expect(screen.getAllByRole('listitem')).toHaveLength(2))
  expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['hello', 'again'])
  expect(screen.getByTestId('pings').textContent).toBe('1')

  await fireEvent.click(screen.getByRole('button', { name: 'shout' }))
  expect(await screen.findByText('{"echoed":{"body":"hey"}}')).toBeTruthy()
})

/** The joins and leaves a client sends, as it sends them (the inspect stream is synchronous). */
function recordCommands(client: Client): string[] {
  const sent: string[] = []
  client.inspect((e) => {
    const c = e.kind === 'command' ? e.command : undefined
    if (c?.type === 'JoinChannel' || c?.type === 'LeaveChannel') sent.push(`${c.type} ${c.topic}`)
  })
  return sent
}

test('unmounting stops the listeners and leaves the channel after the grace period', async () => {
  const clock = createManualClock()
  const client = createTestClient({ timers: clock.timers })
  const sent = recordCommands(client)
  const messages: unknown[] = []
  const events: unknown[] = []
  const Listener = defineComponent(() => {
    const { state } = useChannel('room:1', { onMessage: (e, p) => messages.push([e, p]) })
    useChannelEvent<{ receive: { said: { body: string } } }, 'said'>('room:1', 'said', (p) =>
      events.push(p),
    )
    return () => h('p', state.value.status)
  })
  const view = render(Listener, withClient(client))
  await until(() => expect(view.getByText('joined')).toBeTruthy())
  mock.broadcast('room:1', 'said', { body: 'before' })
  await until(() => expect(events).toEqual([{ body: 'before' }]))
  expect(messages).toEqual([['said', { body: 'before' }]])

  view.unmount()
  const heard: unknown[] = []
  client.channel('room:1').on('said', (m) => heard.push(m))
  mock.broadcast('room:1', 'said', { body: 'after unmount' })
  await until(() => expect(heard).toHaveLength(1))
  expect(events).toHaveLength(1)
  expect(messages).toHaveLength(1)
  clock.advance(999)
  expect(sent).toEqual(['JoinChannel room:1'])
  // The grace period (leaveDelayMs, 1 s) is over: the channel leaves.
  clock.advance(1)
  expect(sent).toEqual(['JoinChannel room:1', 'LeaveChannel room:1'])
  await until(() => expect(mock.pushes('room:1', 'phx_leave')).toHaveLength(1))
  expect(mock.connections[0]?.topics).toEqual([])
})

test('a remount within the grace period makes exactly one join on the wire', async () => {
  const clock = createManualClock()
  const client = createTestClient({ timers: clock.timers })
  const sent = recordCommands(client)
  const first = render(RoomView, { props: { topic: 'room:1' }, ...withClient(client) })
  await until(() => expect(first.getByTestId('state').textContent).toBe('joined'))
  first.unmount()
  clock.advance(500)
  const second = render(RoomView, { props: { topic: 'room:1' }, ...withClient(client) })
  expect(second.getByTestId('state').textContent).toBe('joined')
  clock.advance(5_000)
  expect(sent).toEqual(['JoinChannel room:1'])
  expect(mock.pushes('room:1').map((m) => m.event)).toEqual(['phx_join'])
  second.unmount()
  clock.advance(1_000)
  expect(sent).toEqual(['JoinChannel room:1', 'LeaveChannel room:1'])
  await until(() => expect(mock.connections[0]?.topics).toEqual([]))
  expect(mock.pushes('room:1').map((m) => m.event)).toEqual(['phx_join', 'phx_leave'])
})

test('useStore of @nanostores/vue renders the stores of a custom feature and joins their channel', async () => {
  const reactions = defineFeature((ctx) => {
    const $count = ctx.bind(atom(0))
    ctx.on('reaction', () => $count.set($count.value + 1))
    return { $count }
  })
  const client = createTestClient()
  const Reactions = defineComponent(() => {
    const count = useStore(reactions(useClient().channel('room:1')).$count)
    return () => h('p', `${count.value} reactions`)
  })
  render(Reactions, withClient(client))
  await until(() => expect(mock.connections[0]?.topics).toEqual(['room:1']))
  mock.broadcast('room:1', 'reaction', {})
  mock.broadcast('room:1', 'reaction', {})
  expect(await screen.findByText('2 reactions')).toBeTruthy()
})
