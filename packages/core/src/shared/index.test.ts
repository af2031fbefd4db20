import { expect, test } from 'vitest'
import { createClient } from '../client.ts'
import { Connection } from '../connection/connection.ts'
import { resolveOptions } from '../options.ts'
import { sharedConnection } from './index.ts'

test('outside a page (a server render) it is a connection of its own, which opens nothing', async () => {
  expect(globalThis.window).toBeUndefined()
  const connection = sharedConnection()(
    resolveOptions({ url: 'ws://x/socket/websocket' }),
    () => {},
  )
  expect(connection).toBeInstanceOf(Connection)
  const client = createClient({ url: 'ws://x/socket/websocket', connection: sharedConnection() })
  expect(client.$status.get()).toEqual({ status: 'idle' })
})
