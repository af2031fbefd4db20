import { type Channel, type Push, Socket } from 'phoenix'

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

/**
 * Pushes a chat message (`new_msg`) and resolves with the id the server stored it under;
 * rejects, saying how, if the push was not answered `ok`.
 *
 * @example
 * ```ts
 * const id = await sendMessage(channel, 'hello')
 * ```
 */
export async function sendMessage(channel: Channel, body: string): Promise<string> {
  const reply = await settle(channel.push('new_msg', { body }))
  if (reply.status !== 'ok') {
    throw new Error(`new_msg answered ${reply.status}: ${JSON.stringify(reply.response)}`)
  }
  return (reply.response as { id: string }).id
}

/**
 * The payloads of every `new_msg` the channel receives from now on, in order, as they come.
 *
 * @example
 * ```ts
 * const messages = receivedMessages<{ body: string }>(channel)
 * ```
 */
export function receivedMessages<T = unknown>(channel: Channel): T[] {
  const messages: T[] = []
  channel.on('new_msg', (payload) => messages.push(payload as T))
  return messages
}
