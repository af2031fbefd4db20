import { screen, within } from '@testing-library/react'
import { expect, test } from 'vitest'
import { usePresence } from '../src/index.ts'
import { setupMockServer } from './harness.tsx'

const { mock, renderWithClient } = setupMockServer()

function WhoIsHere({ topic }: { topic: string }) {
  const { members, count } = usePresence(topic, { leaveDelayMs: 0 })
  return (
    <section>
      <h2>{count} online</h2>
      <ul>
        {[...members.values()].map((m) => (
          <li key={m.id}>
            {m.id} ({m.metas.map((meta) => meta.status).join(', ')})
          </li>
        ))}
      </ul>
    </section>
  )
}

function Me() {
  const { members, update } = usePresence('room:2', { meta: { status: 'here' } })
  const me = members.get('me')
  return (
    <button type="button" onClick={() => update({ status: 'away' })}>
      {me ? String(me.metas[0]?.status) : 'nobody'}
    </button>
  )
}

const names = () =>
  within(screen.getByRole('list'))
    .queryAllByRole('listitem')
    .map((li) => li.textContent)

test('a presence list follows joins, updates and leaves', async () => {
  const lobby = mock.presence('room:lobby')
  lobby.join('alice', { status: 'here' })
  renderWithClient(<WhoIsHere topic="room:lobby" />)
  expect(screen.getByRole('heading').textContent).toBe('0 online') // before the join

  await screen.findByText('1 online')
  expect(names()).toEqual(['alice (here)'])

  const bobPhone = lobby.join('bob', { status: 'here' })
  await screen.findByText('2 online')
  expect(names()).toEqual(['alice (here)', 'bob (here)'])

  lobby.join('bob', { status: 'away' }) // a second connection: a second meta
  await screen.findByText('bob (here, away)')

  lobby.leave('alice')
  await screen.findByText('1 online')
  expect(names()).toEqual(['bob (here, away)'])

  lobby.leave('bob', bobPhone)
  await screen.findByText('bob (away)')
  expect(screen.getByRole('heading').textContent).toBe('1 online')
})

test('update() sends our own meta and the list shows it', async () => {
  mock.onJoin('room:*', (_payload, ctx) => ctx.track('me'))
  renderWithClient(<Me />)
  const button = await screen.findByText('here')
  button.click()
  await screen.findByText('away')
  expect(mock.pushes('room:2', 'presence_update').map((m) => m.payload)).toEqual([
    { status: 'away' },
  ])
})
