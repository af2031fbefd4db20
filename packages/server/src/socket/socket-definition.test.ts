import { expect, it } from 'vitest'
import { checkSocketModule, type SocketApp, socketOptions } from './socket-definition.ts'

it('gives a function module the app, read lazily when a handler reaches for it', async () => {
  const calls: string[] = []
  const app: SocketApp = {
    broadcast: async (topic) => {
      calls.push(topic)
      return null
    },
    history: async () => ({ entries: [], more: false }),
  }
  let server: SocketApp | null = null
  const options = socketOptions(
    (a) => ({ channels: {}, describeUser: () => String(a) }),
    () => {
      if (!server) throw new Error('not built yet')
      return server
    },
  )
  expect(options.channels).toEqual({})
  server = app
  const withApp = socketOptions(
    (a) => ({ channels: { x: { join: () => void a.broadcast('y', 'e', {}) } } }),
    () => app,
  )
  await withApp.channels?.x?.join?.('x', {}, {} as never)
  expect(calls).toEqual(['y'])
})

it('says what is wrong with a module that is not a socket', () => {
  expect(() => checkSocketModule(undefined, 'server/socket.ts')).toThrow(
    /^server\/socket\.ts: the default export must be a socket definition/,
  )
  expect(() => checkSocketModule({ channels: 'room:*' }, 'socket.ts')).toThrow(
    /`channels` must be an object/,
  )
  expect(checkSocketModule({ channels: {} }, 'socket.ts')).toEqual({ channels: {} })
})
