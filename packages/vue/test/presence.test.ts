import { useStore } from '@nanostores/vue'
import { render, screen } from '@testing-library/vue'
import { presence } from '@wirestate/core/presence'
import { expect, test } from 'vitest'
import { defineComponent, h } from 'vue'
import { useClient } from '../src/index.ts'
import { until, useMockServer, withClient } from './harness.ts'
import PresenceList from './PresenceList.vue'

const { mock, createTestClient } = useMockServer()

const names = () => screen.queryAllByRole('listitem').map((li) => li.textContent)

test('a presence list follows joins, a second connection of a member, and leaves', async () => {
  const room = mock.presence('room:1')
  room.join('alice')
  render(PresenceList, { props: { topic: 'room:1' }, ...withClient(createTestClient()) })
  expect(screen.getByTestId('count').textContent).toBe('0 online')

  await until(() => expect(names()).toEqual(['alice (1)']))
  room.join('bob')
  await until(() => expect(names()).toEqual(['alice (1)', 'bob (1)']))
  const second = room.join('alice')
  await until(() => expect(names()).toEqual(['alice (2)', 'bob (1)']))
  room.leave('alice', second)
  await until(() => expect(names()).toEqual(['alice (1)', 'bob (1)']))
  room.leave('alice')
  await until(() => expect(names()).toEqual(['bob (1)']))
  expect(screen.getByTestId('count').textContent).toBe('1 online')
})

test('presence read through @nanostores/vue’s own useStore in a development build works (frozen Members, readonly proxy)', async () => {
  // @nanostores/vue wraps values in Vue's deep readonly() when NODE_ENV is not production.
  expect(process.env.NODE_ENV).not.toBe('production')
  const room = mock.presence('room:1')
  room.join('alice', { nick: 'Alice' })
  room.join('alice', { nick: 'Alice 2' })
  const client = createTestClient()
  const Direct = defineComponent(() => {
    const members = useStore(presence<{ nick: string }>(useClient().channel('room:1')).$members)
    return () =>
      h('ul', [
        h('li', { 'data-testid': 'size' }, `${members.value.size} member(s)`),
        ...[...members.value.values()].map((m) =>
          h('li', { key: m.id }, `${m.id}: ${m.metas.map((meta) => meta.nick).join(', ')}`),
        ),
        h('li', `has alice: ${members.value.has('alice')}, bob: ${members.value.get('bob')}`),
      ])
  })
  render(Direct, withClient(client))
  await until(() => expect(screen.getByText('alice: Alice, Alice 2')).toBeTruthy())
  expect(screen.getByTestId('size').textContent).toBe('1 member(s)')
  expect(screen.getByText('has alice: true, bob: undefined')).toBeTruthy()
})
