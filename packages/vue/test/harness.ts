import { cleanup } from '@testing-library/vue'
import { type Client, type ClientOptions, notifyManager } from '@wirestate/core'
import { createMockServer, type MockServer } from '@wirestate/testing'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, vi } from 'vitest'
import { wirestate } from '../src/index.ts'

export const SOCKET_URL = 'ws://localhost/socket'

/**
 * One mock server for a test file, reset after each test once its components unmounted:
 * the reset disconnects the test's clients (`mock.createClient`), so none reconnects into
 * the next.
 */
export function useMockServer(): {
  mock: MockServer
  createTestClient: (options?: Partial<ClientOptions>) => Client
} {
  // The binding's tests are not about routes: any topic joins (catchAll). Without it the
  // mock answers a topic nothing routes `unmatched topic`, as @wirestate/server does.
  const mock = createMockServer({ url: SOCKET_URL, catchAll: true })
  const network = setupServer(mock.handler)
  beforeAll(() => {
    // Store updates flush in a microtask, not 16 ms later: tests wait less.
    notifyManager.setScheduler((flush) => queueMicrotask(flush))
    network.listen({ onUnhandledFrame: 'error' })
  })
  afterEach(() => {
    cleanup() // Testing Library cleans up by itself only under Vitest's globals
    mock.reset() // disconnects the clients of mock.createClient()
  })
  afterAll(() => network.close())
  const createTestClient = (options: Partial<ClientOptions> = {}) => mock.createClient(options)
  return { mock, createTestClient }
}

/** Render options that install the plugin with `client`. */
export function withClient(client: Client): {
  global: { plugins: [[typeof wirestate, { client: Client }]] }
} {
  return { global: { plugins: [[wirestate, { client }]] } }
}

/** `vi.waitFor` polling every 5 ms: the mock answers within microtasks. */
export function until<T>(check: () => T): Promise<T> {
  return vi.waitFor(check, { interval: 5, timeout: 2_000 })
}
