import { fireEvent, screen } from '@testing-library/svelte'
import { serveChat } from '@wirestate/testing'
import { expect, test } from 'vitest'
import ChatRoom from './ChatRoom.svelte'
import { renderWithClient, until, useMockServer } from './harness.ts'

const { mock, createTestClient } = useMockServer()

const rows = () =>
  screen.queryAllByRole('listitem').map((li) => `${li.textContent} [${li.dataset.status}]`)

test('a chat shows the history and live messages, and a send pending then confirmed', async () => {
  const room = serveChat(mock, 'room:1', 'ann')
  room.say('bob', 'hi ann')
  renderWithClient(createTestClient(), ChatRoom, { topic: 'room:1' })

  await until(() => expect(rows()).toEqual(['bob: hi ann [confirmed]']))
  room.say('bob', 'are you there?')
  await until(() => expect(rows()).toHaveLength(2))

  await fireEvent.input(screen.getByRole('textbox', { name: 'message' }), {
    target: { value: 'yes!' },
  })
  await fireEvent.submit(screen.getByRole('button', { name: 'send' }))
  await until(() =>
    expect(rows()).toEqual([
      'bob: hi ann [confirmed]',
      'bob: are you there? [confirmed]',
      'ann: yes! [pending]',
    ]),
  )
  await until(() => expect(room.held()).toBe(1))
  expect(mock.pushes('room:1', 'new_msg')[0]?.payload).toMatchObject({ body: 'yes!' })

  room.release()
  await until(() => expect(rows().at(-1)).toBe('ann: yes! [confirmed]'))
  expect(rows()).toHaveLength(3)
})
