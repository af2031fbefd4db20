import { fireEvent, render, screen } from '@testing-library/vue'
import type { ChatMessage } from '@wirestate/core/chat'
import { serveChat } from '@wirestate/testing'
import { expect, expectTypeOf, test } from 'vitest'
import type { ShallowRef } from 'vue'
import type { UseChatResult, UseNotificationsResult } from '../src/index.ts'
import ChatRoom from './ChatRoom.vue'
import { until, useMockServer, withClient } from './harness.ts'

const { mock, createTestClient } = useMockServer()

const rows = () =>
  screen.queryAllByRole('listitem').map((li) => `${li.textContent} [${li.dataset.status}]`)

test('a chat shows the history and live messages, and a send pending then confirmed', async () => {
  const room = serveChat(mock, 'room:1', 'ann')
  room.say('bob', 'hi ann')
  render(ChatRoom, { props: { topic: 'room:1' }, ...withClient(createTestClient()) })

  await until(() => expect(rows()).toEqual(['bob: hi ann [confirmed]']))
  room.say('bob', 'are you there?')
  await until(() => expect(rows()).toHaveLength(2))

  await fireEvent.update(screen.getByRole('textbox', { name: 'message' }), 'yes!')
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

test('useChat and useNotifications turn each $store into a ref and keep the verbs (types)', () => {
  expectTypeOf<UseChatResult['messages']>().toEqualTypeOf<
    Readonly<ShallowRef<readonly ChatMessage[]>>
  >()
  expectTypeOf<UseChatResult['send']>().toEqualTypeOf<(body: string) => ChatMessage>()
  expectTypeOf<UseChatResult>().not.toHaveProperty('$messages')
  expectTypeOf<UseNotificationsResult['unread']>().toEqualTypeOf<Readonly<ShallowRef<number>>>()
  expectTypeOf<UseNotificationsResult['markAllRead']>().toEqualTypeOf<() => Promise<void>>()
})
