import { type Client, type ClientOptions, notifyManager } from '@wirestate/core'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, vi } from 'vitest'
import { createMockServer, type MockServer, type MockServerOptions } from '../src/index.ts'

export const SOCKET_URL = 'ws://localhost/socket'

/**
 * One mock server behind msw's `setupServer` for a test file, reset after each test (which
 * disconnects the clients `connect` made through `mock.createClient`, so none reconnects
 * into the next).
 *
 * @example
 * ```ts
 * const { mock, connect } = useMockServer({ catchAll: true })
 * ```
 */
export function useMockServer(options: Omit<MockServerOptions, 'url'> = {}): {
  mock: MockServer
  connect: (options?: Partial<ClientOptions>) => TestClient
} {
  const mock = createMockServer({ url: SOCKET_URL, ...options })
  const network = setupServer(mock.handler)
  beforeAll(() => {
    // Flush store updates in a microtask, not 16 ms later: tests wait less.
    notifyManager.setScheduler((flush) => queueMicrotask(flush))
    network.listen({ onUnhandledFrame: 'error' })
  })
  afterEach(() => mock.reset())
  afterAll(() => network.close())
  const connect = (options: Partial<ClientOptions> = {}) => recorded(mock.createClient(options))
  return { mock, connect }
}

/**
 * A real `@wirestate/core` client with fast reconnects and the types of its events, in
 * order, for asserting whole sequences.
 *
 * @example
 * ```ts
 * const { client, events } = connect()
 * ```
 */
export interface TestClient {
  client: Client
  /** Event types from `client.inspect`, in order (heartbeat replies left out). */
  events: string[]
}

function recorded(client: Client): TestClient {
  const events: string[] = []
  client.inspect((entry) => {
    if (entry.kind === 'event' && entry.event.type !== 'HeartbeatReplied') {
      events.push(entry.event.type)
    }
  })
  return { client, events }
}

/**
 * `vi.waitFor` polling every 5 ms instead of 50: the mock answers within microtasks,
 * so most waits end on the second check.
 *
 * @example
 * ```ts
 * await until(() => expect(mock.connectionCount).toBe(1))
 * ```
 */
export function until<T>(check: () => T): Promise<T> {
  return vi.waitFor(check, { interval: 5, timeout: 2_000 })
}
