import { decodeFrame, encodeFrame, type Frame, type Message, WIRE } from '@wirestate/core/protocol'
import type { WebSocketHandlerConnection } from 'msw'
import type { ConnectionInfo } from './handler-context.ts'
import { handleJoin } from './join-flow.ts'
import type { Member } from './member.ts'
import { handlePush } from './push-flow.ts'
import type { ServerContext } from './server-context.ts'

/**
 * msw's handle to one intercepted client socket.
 *
 * @example
 * ```ts
 * link.addEventListener('connection', ({ client }: { client: MswClient }) => client.send('hi'))
 * ```
 */
export type MswClient = WebSocketHandlerConnection['client']

/**
 * One client socket on the mock server: decodes and records what the client sends,
 * answers heartbeats at once, and hands joins and pushes to their flows one at a time
 * per topic (like a Phoenix channel process), while different topics proceed
 * independently.
 *
 * @example
 * ```ts
 * const connection = new MockConnection(1, client, server)
 * connection.start()
 * ```
 */
export class MockConnection {
  readonly id: number
  readonly url: string
  readonly params: Record<string, string>
  status: ConnectionInfo['status'] = 'open'
  #client: MswClient
  #server: ServerContext
  #members = new Map<string, Member>()
  #queues = new Map<string, Promise<void>>()

  constructor(id: number, client: MswClient, server: ServerContext) {
    this.id = id
    this.#client = client
    this.#server = server
    this.url = client.url.href
    this.params = Object.fromEntries(client.url.searchParams)
  }

  /** A snapshot for tests and handlers. */
  get info(): ConnectionInfo {
    const { id, url, params, status } = this
    return { id, url, params: { ...params }, status, topics: [...this.#members.keys()] }
  }

  /** Listens to the client; call once the connection is accepted. */
  start(): void {
    this.#client.addEventListener('message', (event) => this.#receive(event.data))
    this.#client.addEventListener('close', () => this.#closed())
  }

  /** Refuses the connection before it opens; the client sees close code 1006. */
  refuse(): void {
    this.status = 'refused'
    this.#client.close(1006, '')
  }

  /** Closes the socket from the server side (1006 looks like a lost network). */
  close(code: number, reason = ''): void {
    if (this.status !== 'open') return
    this.#closed()
    this.#client.close(code, reason)
  }

  /** The member currently joined to `topic` on this connection. */
  member(topic: string): Member | undefined {
    return this.#members.get(topic)
  }

  adopt(member: Member): void {
    this.#members.set(member.topic, member)
    this.#server.members(member.topic).add(member)
  }

  forget(member: Member): void {
    if (this.#members.get(member.topic) === member) this.#members.delete(member.topic)
  }

  /** Encodes, records and sends one message; nothing is sent once closed. */
  send(message: Message): void {
    if (this.status !== 'open') return
    this.#server.record.sent.push({ connection: this.id, message })
    this.#client.send(encodeFrame(message, 'server'))
  }

  #receive(data: unknown): void {
    if (typeof data === 'string' || data instanceof ArrayBuffer) this.#decode(data)
    else if (ArrayBuffer.isView(data)) {
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      this.#decode(bytes.slice().buffer)
    } else if (data instanceof Blob) {
      // A Blob is read first, so its frame may be handled after frames that arrived
      // later; only binary pushes from a client with binaryType 'blob' can notice.
      void data.arrayBuffer().then((buffer) => this.#decode(buffer))
    }
  }

  #decode(frame: Frame): void {
    if (this.status !== 'open') return
    const result = decodeFrame(frame, 'client')
    if (!result.ok) {
      const { reason } = result
      this.#server.record.errors.push({ kind: 'malformed', connection: this.id, frame, reason })
      return
    }
    const message = result.message
    this.#server.record.received.push({ connection: this.id, message })
    const { topic, event, ref } = message
    if (topic === WIRE.heartbeatTopic && event === WIRE.heartbeat) {
      const payload = { status: 'ok', response: {} }
      this.send({ joinRef: null, ref, topic, event: WIRE.reply, payload })
    } else {
      const flow = event === WIRE.join ? handleJoin : handlePush
      this.#enqueue(message, () => flow(this, this.#server, message))
    }
  }

  /** Runs `task` after the topic's earlier frames; a task that throws is recorded. */
  #enqueue(message: Message, task: () => Promise<void>): void {
    const { topic, event } = message
    const previous = this.#queues.get(topic) ?? Promise.resolve()
    const next = previous.then(task).catch((error: unknown) => {
      this.#server.record.errors.push({ kind: 'handler', connection: this.id, topic, event, error })
    })
    this.#queues.set(topic, next)
  }

  #closed(): void {
    if (this.status === 'open') this.status = 'closed'
    for (const member of [...this.#members.values()]) member.end()
  }
}
