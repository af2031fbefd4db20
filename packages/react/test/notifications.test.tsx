import { act, screen, waitFor, within } from '@testing-library/react'
import { expect, test } from 'vitest'
import { useNotifications } from '../src/index.ts'
import { setupMockServer } from './harness.tsx'

const { mock, renderWithClient } = setupMockServer()
const TOPIC = 'user:ann:notifications'

function Inbox() {
  const { items, unread, markAllRead } = useNotifications(TOPIC)
  return (
    <section>
      <h2>{unread} unread</h2>
      <ul>
        {items.map((n) => (
          <li key={n.id}>
            {String(n.body)} {n.read ? '(read)' : '(new)'}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => markAllRead()}>
        mark all read
      </button>
    </section>
  )
}

const rows = () =>
  within(screen.getByRole('list'))
    .queryAllByRole('listitem')
    .map((li) => li.textContent)

test('notifications show the unread count, live arrivals, and mark all read', async () => {
  const stream = mock.stream(TOPIC)
  const first = stream.append('notification', { body: 'welcome' })
  const second = stream.append('notification', { body: 'bob mentioned you' })
  const state = (readThrough: string, latest: string, unread: number) => ({
    unread,
    latest,
    read_through: readThrough,
    read: [],
  })
  // The notifications route: the read state in the join reply, pages, and marks.
  let readThrough = first
  mock.onJoin('user:*:notifications', () => ({ ok: state(readThrough, second, 1) }))
  mock.onPush('user:*:notifications', 'history', () => ({
    ok: {
      notifications: stream.entries.map((e) => ({
        ...e.payload,
        id: e.id,
        read: e.id <= readThrough,
      })),
      more: false,
    },
  }))
  mock.onPush('user:*:notifications', 'mark_all_read', (p: { through: string }) => {
    readThrough = p.through
    return { ok: state(p.through, p.through, 0) }
  })

  renderWithClient(<Inbox />)
  await screen.findByText('1 unread')
  await waitFor(() => expect(rows()).toEqual(['bob mentioned you (new)', 'welcome (read)']))
  expect(mock.pushes(TOPIC, 'phx_join')[0]?.payload).toEqual({ state: true })

  const third = stream.append('notification', { body: 'carol replied' })
  await screen.findByText('2 unread')
  expect(rows()).toEqual(['carol replied (new)', 'bob mentioned you (new)', 'welcome (read)'])

  act(() => screen.getByText('mark all read').click())
  expect(screen.getByRole('heading').textContent).toBe('0 unread') // at once, before the reply
  await waitFor(() => expect(mock.pushes(TOPIC, 'mark_all_read')).toHaveLength(1))
  expect(mock.pushes(TOPIC, 'mark_all_read')[0]?.payload).toEqual({ through: third })
  await waitFor(() =>
    expect(rows()).toEqual(['carol replied (read)', 'bob mentioned you (read)', 'welcome (read)']),
  )
  expect(screen.getByRole('heading').textContent).toBe('0 unread')
})
