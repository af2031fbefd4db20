import type { Connection, Engine, Transport } from '../src/index.ts'

/**
 * A transport that keeps what the engine sends, for engine tests with no network:
 * `sent` holds the text frames parsed, `closedWith` the close code once closed.
 *
 * @example
 * ```ts
 * const client = connectMemory(engine)
 * client.send(['1', '1', 'room:1', 'phx_join', {}])
 * await until(() => expect(client.sent).toHaveLength(1))
 * ```
 */
export interface MemoryClient {
  readonly connection: Connection
  readonly sent: unknown[][]
  closedWith: number | null
  send(frame: unknown[]): void
}

export function connectMemory(engine: Engine, user: unknown = null): MemoryClient {
  const sent: unknown[][] = []
  const transport: Transport = {
    send: (frame) => {
      if (typeof frame !== 'string') throw new Error('this test transport takes text frames')
      sent.push(JSON.parse(frame))
    },
    close: (code) => {
      client.closedWith = code
      connection.closed()
    },
    terminate: () => transport.close(1006),
    bufferedAmount: 0,
  }
  const connection = engine.accept(transport, user)
  const client: MemoryClient = {
    connection,
    sent,
    closedWith: null,
    send: (frame) => connection.receive(JSON.stringify(frame)),
  }
  return client
}
