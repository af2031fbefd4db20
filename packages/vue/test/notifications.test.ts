import { fireEvent, render, screen } from '@testing-library/vue'
import { serveNotifications } from '@wirestate/testing'
import { expect, test } from 'vitest'
import { until, useMockServer, withClient } from './harness.ts'
import NotificationList from './NotificationList.vue'

const { mock, createTestClient } = useMockServer()

const items = () => screen.queryAllByRole('listitem').map((li) => li.textContent)

test('notifications show newest first with the unread count; mark all read clears it', async () => {
  const topic = 'user:ann:notifications'
  const inbox = serveNotifications(mock, topic)
  inbox.notify('first')
  render(NotificationList, { props: { topic }, ...withClient(createTestClient()) })

  await until(() => expect(items()).toEqual(['first (new)']))
  expect(screen.getByRole('button').textContent).toBe('1 unread')
  inbox.notify('second')
  await until(() => expect(items()).toEqual(['second (new)', 'first (new)']))
  expect(screen.getByRole('button').textContent).toBe('2 unread')

  await fireEvent.click(screen.getByRole('button'))
  await until(() => expect(items()).toEqual(['second', 'first']))
  expect(screen.getByRole('button').textContent).toBe('0 unread')
  expect(mock.pushes(topic, 'mark_all_read')).toHaveLength(1)
})
