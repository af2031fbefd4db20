import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { createMockServer, type MockSocket } from '../../src/index.ts'
import { contractChannels } from './contract-routes.ts'
import { expected } from './expected.ts'
import { RawSocket } from './raw-socket.ts'
import { type ContractSide, normalize, scenarios } from './scenarios.ts'

// The contract against the msw mock (no catchAll: routes as on the server), through the
// platform's WebSocket that msw intercepts: the same scenarios and expected frames.
const url = 'ws://localhost/socket'
const mock = createMockServer({
  url,
  channels: contractChannels((socket: MockSocket) => socket.info.params.user ?? 'anonymous'),
})
const network = setupServer(mock.handler)
const sockets: RawSocket[] = []
beforeAll(() => network.listen({ onUnhandledFrame: 'error' }))
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close()
  mock.reset()
})
afterAll(() => network.close())

const side: ContractSide = {
  open: async (user) => {
    const socket = await RawSocket.open(`${url}?vsn=2.0.0&user=${user}`)
    sockets.push(socket)
    return socket
  },
  notify: async (topic, payload) => {
    mock.stream(topic).append('notification', payload)
  },
}

describe('contract: @wirestate/testing over msw', () => {
  for (const scenario of scenarios) {
    test(scenario.name, async () => {
      expect(normalize(await scenario.run(side))).toEqual(expected[scenario.name])
    })
  }
})
