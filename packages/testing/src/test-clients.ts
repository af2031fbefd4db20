import { type Client, type ClientOptions, createClient } from '@wirestate/core'

/**
 * How a test client reconnects unless told otherwise: at once (5 to 20 ms, no jitter), so
 * a test of a dropped connection waits milliseconds, not the library's seconds.
 *
 * @example
 * ```ts
 * mock.createClient({ reconnect: { ...TEST_RECONNECT, maxRetries: 2 } })
 * ```
 */
export const TEST_RECONNECT: Readonly<{ minDelayMs: number; maxDelayMs: number; jitter: number }> =
  { minDelayMs: 5, maxDelayMs: 20, jitter: 0 }

/**
 * The clients a mock server made for a test, to disconnect when the test ends: a client
 * left connected reconnects into the next test (and its presence shows there).
 *
 * @example
 * ```ts
 * const clients = new TestClients()
 * const client = clients.create('ws://localhost/socket', { params: { user: 'ann' } })
 * clients.disconnectAll() // in reset()
 * ```
 */
export class TestClients {
  #clients = new Set<Client>()

  /** A `@wirestate/core` client on `url`, with test reconnect delays unless `options` say. */
  create(url: string, options: Partial<ClientOptions> = {}): Client {
    if (/[*]|\/:/.test(url) && options.url === undefined) {
      throw new TypeError(
        `createClient: the mock's url ${url} is a pattern; give the client a url it matches: mock.createClient({ url: 'ws://localhost/socket' })`,
      )
    }
    const client = createClient({
      url,
      // The global one, which msw intercepts; without `window` (Node) a client has none.
      WebSocket: globalThis.WebSocket,
      ...options,
      reconnect: { ...TEST_RECONNECT, ...options.reconnect },
    })
    this.#clients.add(client)
    return client
  }

  /**
   * Disconnects every client made since the last call: each stops at once (no reconnect
   * is scheduled) and its `$status` becomes `disconnected`.
   */
  disconnectAll(): void {
    for (const client of this.#clients) void client.disconnect()
    this.#clients.clear()
  }
}
