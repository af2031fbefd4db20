import { createServer, silentLogger, type WirestateServer } from '@wirestate/server'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { contractChannels } from './contract-routes.ts'
import { expected } from './expected.ts'
import { RawSocket } from './raw-socket.ts'
import { type ContractSide, normalize, scenarios } from './scenarios.ts'

// The contract against a real @wirestate/server on 127.0.0.1 (a free port), through the
// platform's WebSocket: the same scenarios and the same expected frames as the mock's.
let server: WirestateServer<{ name: string }>
const sockets: RawSocket[] = []
beforeAll(async () => {
  server = createServer({
    port: 0,
    logger: silentLogger,
    authenticate: (params) => ({ name: params.user ?? 'anonymous' }),
    channels: contractChannels((user: { name: string }) => user.name),
  })
  await server.start()
})
afterAll(async () => {
  for (const socket of sockets) socket.close()
  await server.stop()
})

const side: ContractSide = {
  open: async (user) => {
    const socket = await RawSocket.open(`${server.url}?vsn=2.0.0&user=${user}`)
    sockets.push(socket)
    return socket
  },
  notify: async (topic, payload) => {
    await server.broadcast(topic, 'notification', payload)
  },
}

describe('contract: @wirestate/server over ws on 127.0.0.1', () => {
  for (const scenario of scenarios) {
    test(scenario.name, async () => {
      expect(normalize(await scenario.run(side))).toEqual(expected[scenario.name])
    })
  }
})
