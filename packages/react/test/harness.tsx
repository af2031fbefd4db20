import { cleanup, type RenderResult, render } from '@testing-library/react'
import { type Client, type ClientOptions, notifyManager } from '@wirestate/core'
import { createMockServer, type MockServer } from '@wirestate/testing'
import { setupServer } from 'msw/node'
import { type ReactNode, StrictMode } from 'react'
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest'
import { WirestateProvider } from '../src/index.ts'

export const SOCKET_URL = 'ws://localhost/socket'

/**
 * One mock Phoenix server behind msw's `setupServer` for a test file. After each test the
 * rendered trees unmount, the mock resets (which disconnects the test's clients, made by
 * `mock.createClient`, so none reconnects into the next test), and React must not have logged an error (an update outside
 * `act`, a key warning, ...).
 *
 * @example
 * ```tsx
 * const { mock, renderWithClient } = setupMockServer()
 * ```
 */
export function setupMockServer(options: { notify?: 'microtask' | 'default' } = {}): {
  mock: MockServer
  createTestClient: (options?: Partial<ClientOptions>) => Client
  renderWithClient: (ui: ReactNode, options?: RenderWithClientOptions) => RenderWithClientResult
} {
  // The binding's tests are not about routes: any topic joins (catchAll). Without it the
  // mock answers a topic nothing routes `unmatched topic`, as @wirestate/server does.
  const mock = createMockServer({ url: SOCKET_URL, catchAll: true })
  const network = setupServer(mock.handler)
  let consoleError: ReturnType<typeof vi.spyOn>
  beforeAll(() => {
    // Flush store updates in a microtask instead of 16 ms later: tests wait less. The
    // suites share one module graph (isolate: false), so each sets the scheduler it needs;
    // 'default' is core's own (16 ms), as in an app.
    notifyManager.setScheduler(
      options.notify === 'default'
        ? (flush) => setTimeout(flush, 16)
        : (flush) => queueMicrotask(flush),
    )
    network.listen({ onUnhandledFrame: 'error' })
  })
  beforeAll(() => {
    consoleError = vi.spyOn(console, 'error')
  })
  afterEach(() => {
    cleanup() // Testing Library cleans up by itself only under Vitest's globals
    mock.reset()
    expect(mock.errors).toEqual([])
    expect(consoleError).not.toHaveBeenCalled()
    consoleError.mockClear()
  })
  afterAll(() => {
    consoleError.mockRestore()
    network.close()
  })
  const createTestClient = (overrides: Partial<ClientOptions> = {}) => mock.createClient(overrides)
  const renderWithClient = (ui: ReactNode, o: RenderWithClientOptions = {}) => {
    const client = o.client ?? createTestClient()
    const wrap = (node: ReactNode) => {
      const tree = <WirestateProvider client={client}>{node}</WirestateProvider>
      return o.strict ? <StrictMode>{tree}</StrictMode> : tree
    }
    const result = render(wrap(ui))
    return { ...result, client, rerender: (next: ReactNode) => result.rerender(wrap(next)) }
  }
  return { mock, createTestClient, renderWithClient }
}

/**
 * Options of `renderWithClient`.
 *
 * @example
 * ```ts
 * renderWithClient(<Room />, { strict: true })
 * ```
 */
export interface RenderWithClientOptions {
  /** The client to provide; a new test client by default. */
  client?: Client
  /** Render inside `<StrictMode>`. */
  strict?: boolean
}

/**
 * What `renderWithClient` returns: Testing Library's result, with the client.
 *
 * @example
 * ```ts
 * const { client, rerender } = renderWithClient(<Room />)
 * ```
 */
export interface RenderWithClientResult extends RenderResult {
  client: Client
}
