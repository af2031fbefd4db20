import { screen } from '@testing-library/svelte'
import { expect, test } from 'vitest'
import { renderWithClient, until, useMockServer } from './harness.ts'
import StatusBadge from './StatusBadge.svelte'

const { mock, createTestClient } = useMockServer()

test('a status badge shows reconnecting after the network drops, then connected', async () => {
  // A reconnect delay long enough for the badge to show `reconnecting` before it ends.
  const client = createTestClient({ reconnect: { minDelayMs: 100, maxDelayMs: 100, jitter: 0 } })
  const shown: string[] = []
  renderWithClient(client, StatusBadge)
  const badge = screen.getByTestId('status')
  const record = () => shown.at(-1) !== badge.textContent && shown.push(badge.textContent ?? '')
  new MutationObserver(record).observe(badge, {
    characterData: true,
    subtree: true,
    childList: true,
  })
  record()

  await until(() => expect(screen.getByTestId('channel').textContent).toBe('joined'))
  mock.drop()
  await until(() => expect(badge.textContent).toBe('reconnecting'))
  await until(() => expect(badge.textContent).toBe('connected'))
  expect(shown).toEqual(['idle', 'connecting', 'connected', 'reconnecting', 'connected'])
  await until(() => expect(screen.getByTestId('channel').textContent).toBe('joined'))
  expect(mock.pushes('room:1', 'phx_join')).toHaveLength(2)
})
