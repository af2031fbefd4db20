import { fireEvent, screen } from '@testing-library/svelte'
import { expect, test } from 'vitest'
import { renderWithClient, until, useMockServer } from './harness.ts'
import PresenceList from './PresenceList.svelte'
import TopicSwitch from './TopicSwitch.svelte'

const { mock, createTestClient } = useMockServer()

const names = () => screen.queryAllByRole('listitem').map((li) => li.textContent)

test('a presence list follows joins, a second connection of a member, and leaves', async () => {
  const room = mock.presence('room:1')
  room.join('alice')
  renderWithClient(createTestClient(), PresenceList, { topic: 'room:1' })
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

test('a presence store derived from a prop follows it to another topic', async () => {
  mock.presence('room:1').join('alice')
  mock.presence('room:2').join('bob')
  renderWithClient(createTestClient(), TopicSwitch)
  expect(await screen.findByText('room:1: alice')).toBeTruthy()
  await fireEvent.click(screen.getByRole('button', { name: 'switch' }))
  expect(await screen.findByText('room:2: bob')).toBeTruthy()
})
