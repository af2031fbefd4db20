import { afterEach, expect, it } from 'vitest'
import { type ChannelRoute, type RouteTable, replyOk, silentLogger } from '../src/index.ts'
import { createServer, type WirestateServer } from '../src/server.ts'
import { RawClient } from './raw-client.ts'

let server: WirestateServer | null = null
const clients: RawClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.close()
  await server?.stop()
  server = null
})

it('asks a route table given as `routes` at each join', async () => {
  let version = 1
  const route = (): ChannelRoute => ({ join: () => replyOk({ version }) })
  const routes: RouteTable = {
    match: (topic) =>
      topic.startsWith('room:') ? { route: route(), pattern: 'room:*', wildcards: [] } : null,
  }
  server = createServer({ port: 0, routes, logger: silentLogger })
  await server.start()
  const client = await RawClient.connect(`${server.url}?vsn=2.0.0`)
  clients.push(client)
  client.send(['1', '1', 'room:a', 'phx_join', {}])
  expect((await client.nextJson())[4]).toEqual({ status: 'ok', response: { version: 1 } })
  version = 2
  client.send(['2', '2', 'room:b', 'phx_join', {}])
  expect((await client.nextJson())[4]).toEqual({ status: 'ok', response: { version: 2 } })
  client.send(['3', '3', 'lobby', 'phx_join', {}])
  expect((await client.nextJson())[4]).toEqual({
    status: 'error',
    response: { reason: 'unmatched topic' },
  })
})

it('refuses `channels` and `routes` together, saying so', () => {
  const routes: RouteTable = { match: () => null }
  expect(() => createServer({ channels: {}, routes })).toThrow(/either `channels` or `routes`/)
})
