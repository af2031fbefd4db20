import { cleanup, render, screen, within } from '@testing-library/react'
import { type Client, createClient } from '@wirestate/core'
import { WirestateProvider } from '@wirestate/react'
import { createMockServer } from '@wirestate/testing'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { WhoIsHere } from './WhoIsHere.tsx'

const url = 'ws://localhost/socket'
const mock = createMockServer({ url })
const network = setupServer(mock.handler)
const clients: Client[] = []

beforeAll(() => network.listen({ onUnhandledFrame: 'error' }))
afterEach(() => {
  cleanup() // unmount, so nothing keeps a channel joined
  for (const client of clients.splice(0)) client.disconnect() // none reconnects into the next test
  mock.reset()
})
afterAll(() => network.close())

function renderWithClient(room: string) {
  const client = createClient({ url })
  clients.push(client)
  return render(
    <WirestateProvider client={client}>
      <WhoIsHere room={room} />
    </WirestateProvider>,
  )
}

const people = () =>
  within(screen.getByRole('list', { name: 'People' }))
    .queryAllByRole('listitem')
    .map((item) => item.textContent)

test('shows who is here, live', async () => {
  const room = mock.presence('room:1')
  room.join('ann')
  renderWithClient('room:1')
  expect(await screen.findByText('1 here (connected)')).toBeTruthy()
  expect(people()).toEqual(['ann'])
  room.join('bob')
  await screen.findByText('2 here (connected)')
  room.leave('ann')
  // A leave shows after presence's leave delay (1 s by default: a reload is no leave).
  await screen.findByText('1 here (connected)', {}, { timeout: 3_000 })
  expect(people()).toEqual(['bob'])
})

test('each test starts from an empty room and a new client', async () => {
  mock.presence('room:1').join('cy')
  renderWithClient('room:1')
  await screen.findByText('1 here (connected)')
  expect(people()).toEqual(['cy'])
})
