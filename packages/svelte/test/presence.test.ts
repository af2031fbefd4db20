import { screen } from '@testing-library/svelte'
import { expect, test } from 'vitest'
import { renderWithClient, until, useMockServer } from './harness.ts'
import PresenceList from './PresenceList.svelte'

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
