import { type Push, Socket } from 'phoenix'

/**
 * Opens an official phoenix.js socket to a test server (Node's global WebSocket).
 *
 * @example
 * ```ts
 * const socket = await openPhoenixSocket(server, { user: 'alice', token: 't' })
 * ```
 */
export async function openPhoenixSocket(
  server: { readonly url: string },
  params: Record<string, string>,
  options: Record<string, unknown> = {},
): Promise<Socket> {
  const endPoint = server.url.replace(/\/websocket$/, '')
  const socket = new Socket(endPoint, { params, transport: WebSocket, ...options })
  await new Promise<void>((resolve, reject) => {
    socket.onOpen(() => resolve())
    socket.onError((error) => reject(error))
    socket.connect()
  })
  return socket
}

/** How a phoenix.js push settled. */
export interface Settled {
  status: 'ok' | 'error' | 'timeout'
  response: unknown
}

/**
 * Waits for a phoenix.js push (or join, or leave) to settle.
 *
 * @example
 * ```ts
 * expect(await settle(channel.join())).toEqual({ status: 'ok', response: { joined: 'room:1' } })
 * ```
 */
export function settle(push: Push): Promise<Settled> {
  return new Promise((resolve) => {
    for (const status of ['ok', 'error', 'timeout'] as const) {
      push.receive(status, (response) => resolve({ status, response }))
    }
  })
}
