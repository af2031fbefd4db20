import { type Message, WIRE } from '@wirestate/core/protocol'
import { type WebSocketHandler, ws } from 'msw'
import { FrameRecord, type MockServerError, type RecordedFrame } from './frame-record.ts'
import type { ConnectionInfo, JoinHandler, PushHandler } from './handler-context.ts'
import type { Member } from './member.ts'
import { MockConnection, type MswClient } from './mock-connection.ts'
import { MockPresence } from './mock-presence.ts'
import { MockStream } from './mock-stream.ts'
import { Rules } from './rules.ts'
import type { ServerContext } from './server-context.ts'

/**
 * Options of `createMockServer`.
 *
 * @example
 * ```ts
 * const options: MockServerOptions = { url: 'ws://localhost/socket' }
 * ```
 */
export interface MockServerOptions {
  /**
   * The socket URL the client connects to, without the query (msw matches it as a path,
   * so `*` and `:param` work): the `url` given to `createClient`.
   */
  url: string
}

/**
 * Decides whether a connection is accepted; returning `false` refuses it (the client
 * sees close code 1006, as when the real server answers the upgrade with 403).
 *
 * @example
 * ```ts
 * server.onConnect(({ params }) => params.token === 'good')
 * ```
 */
export type ConnectHandler = (connection: ConnectionInfo) => boolean | undefined

/**
 * A Phoenix Channels v2 server made of one msw WebSocket handler, for component tests
 * of wirestate apps (and of anything that speaks Phoenix). Pass `handler` to msw's
 * `setupServer` (Node), `setupWorker` or `network.configure` (browser); then drive it
 * from the test: rules for joins and pushes, broadcasts, presence, streams, network
 * failures, and a record of what the client sent.
 *
 * Joins are ok (`{}`) unless a join rule says otherwise; heartbeats are answered; pushes
 * without a rule get the real server's `unhandled event` error.
 *
 * @example
 * ```ts
 * const mock = createMockServer({ url: 'ws://localhost/socket' })
 * const network = setupServer(mock.handler)
 * mock.onPush('room:*', 'new_msg', (msg) => ({ ok: { id: 1 } }))
 * mock.broadcast('room:1', 'new_msg', { body: 'hi' })
 * ```
 */
export class MockServer {
  readonly url: string
  /** The msw handler: give it to `setupServer`, `setupWorker` or `network.configure`. */
  readonly handler: WebSocketHandler
  #record = new FrameRecord()
  #joinRules: ServerContext['joinRules'] = new Rules()
  #pushRules: ServerContext['pushRules'] = new Rules()
  #connectHandlers: ConnectHandler[] = []
  #connections: MockConnection[] = []
  #members = new Map<string, Set<Member>>()
  #presences = new Map<string, MockPresence>()
  #streams = new Map<string, MockStream>()
  #online = true
  #presenceRefs = 0
  #context: ServerContext

  constructor(options: MockServerOptions) {
    if (!options?.url)
      throw new TypeError('createMockServer needs the socket url, e.g. ws://localhost/socket')
    this.url = options.url
    this.#context = this.#createContext()
    this.handler = ws.link(options.url).addEventListener('connection', ({ client }) => {
      this.#accept(client)
    })
  }

  /** Decides whether new connections are accepted; the rule added last decides. */
  onConnect(handler: ConnectHandler): () => void {
    this.#connectHandlers.push(handler)
    return () => {
      this.#connectHandlers = this.#connectHandlers.filter((h) => h !== handler)
    }
  }

  /** Adds a join rule for topics matching `pattern` (`room:*`); returns its removal. */
  onJoin<Payload = unknown>(pattern: string, handler: JoinHandler<Payload>): () => void {
    return this.#joinRules.add(pattern, undefined, handler)
  }

  /** Adds a reply rule for `event` on topics matching `pattern`; returns its removal. */
  onPush<Payload = unknown>(
    pattern: string,
    event: string,
    handler: PushHandler<Payload>,
  ): () => void {
    return this.#pushRules.add(pattern, event, handler)
  }

  /** Sends an event to every client joined to `topic` (join_ref and ref null). */
  broadcast(topic: string, event: string, payload: unknown = {}): void {
    this.#context.broadcast(topic, event, payload)
  }

  /** The presence of `topic`; from now on joiners of the topic get `presence_state`. */
  presence(topic: string): MockPresence {
    return this.#context.presence(topic)
  }

  /** The stream of `topic`; from now on the topic is a stream (joins honour `since`). */
  stream(topic: string): MockStream {
    let stream = this.#streams.get(topic)
    if (!stream) {
      stream = new MockStream(topic, (entry) =>
        this.broadcast(topic, entry.event, { ...entry.payload, id: entry.id }),
      )
      this.#streams.set(topic, stream)
    }
    return stream
  }

  /** Crashes the topic's server channel: `phx_error` to every member, which rejoin. */
  crashChannel(topic: string): void {
    for (const member of [...this.#context.members(topic)]) member.terminate(WIRE.error)
  }

  /** Closes the topic's server channel: `phx_close` to every member, which stay closed. */
  closeChannel(topic: string): void {
    for (const member of [...this.#context.members(topic)]) member.terminate(WIRE.close)
  }

  /** Cuts every connection abruptly (close code 1006, as a lost network); clients reconnect. */
  drop(): void {
    this.close(1006)
  }

  /** Closes every connection with `code` (e.g. 1001 going away, 4000 to stop the client). */
  close(code = 1000, reason = ''): void {
    for (const connection of this.#connections) connection.close(code, reason)
  }

  /** Drops every connection and refuses new ones (1006) until `goOnline()`. */
  goOffline(): void {
    this.#online = false
    this.drop()
  }

  /** Accepts connections again after `goOffline()`. */
  goOnline(): void {
    this.#online = true
  }

  get online(): boolean {
    return this.#online
  }

  /** Every frame the clients sent, decoded, in order (heartbeats included). */
  get received(): readonly RecordedFrame[] {
    return this.#record.received
  }

  /** Every frame the server sent, decoded, in order. */
  get sent(): readonly RecordedFrame[] {
    return this.#record.sent
  }

  /** Malformed client frames, handler failures and refused protocol versions. */
  get errors(): readonly MockServerError[] {
    return this.#record.errors
  }

  /**
   * What clients sent, without heartbeats: only on topics matching `topic` (a topic or
   * a pattern) and only of `event` when given.
   */
  pushes(topic?: string, event?: string): Message[] {
    return this.#record.pushes(topic, event)
  }

  /** Every connection attempt since the last reset, oldest first (snapshots). */
  get connections(): ConnectionInfo[] {
    return this.#connections.map((c) => c.info)
  }

  /** How many connections are open now. */
  get connectionCount(): number {
    return this.#connections.filter((c) => c.status === 'open').length
  }

  /**
   * Back to a fresh server between tests: open connections are closed (1000), and the
   * rules, presences, streams, record, counters and offline mode are cleared.
   */
  reset(): void {
    this.close(1000, 'reset')
    this.#joinRules.clear()
    this.#pushRules.clear()
    this.#connectHandlers = []
    this.#connections = []
    this.#members.clear()
    this.#presences.clear()
    this.#streams.clear()
    this.#record.clear()
    this.#online = true
    this.#presenceRefs = 0
  }

  #accept(client: MswClient): void {
    const connection = new MockConnection(this.#connections.length + 1, client, this.#context)
    this.#connections.push(connection)
    if (connection.params.vsn !== WIRE.vsn) {
      const reason = `vsn=${WIRE.vsn} is required, got ${connection.params.vsn ?? 'none'}`
      this.#record.errors.push({ kind: 'connection', connection: connection.id, reason })
      connection.refuse()
      return
    }
    const decide = this.#connectHandlers.at(-1)
    if (!this.#online || decide?.(connection.info) === false) connection.refuse()
    else connection.start()
  }

  #createContext(): ServerContext {
    const members = (topic: string) => {
      const set = this.#members.get(topic) ?? new Set()
      this.#members.set(topic, set)
      return set
    }
    const broadcast: ServerContext['broadcast'] = (topic, event, payload, except) => {
      for (const member of members(topic)) {
        if (member !== except)
          member.connection.send({ joinRef: null, ref: null, topic, event, payload })
      }
    }
    const presence = (topic: string) => {
      let found = this.#presences.get(topic)
      if (!found) {
        const publish = (diff: unknown) => broadcast(topic, WIRE.presenceDiff, diff)
        found = new MockPresence(topic, publish, () => `p${++this.#presenceRefs}`)
        this.#presences.set(topic, found)
      }
      return found
    }
    return {
      record: this.#record,
      joinRules: this.#joinRules,
      pushRules: this.#pushRules,
      members,
      presenceOf: (topic) => this.#presences.get(topic),
      presence,
      streamOf: (topic) => this.#streams.get(topic),
      broadcast,
    }
  }
}

/**
 * Creates a mock Phoenix Channels v2 server for msw.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node'
 * import { createMockServer } from '@wirestate/testing'
 *
 * const mock = createMockServer({ url: 'ws://localhost/socket' })
 * const network = setupServer(mock.handler)
 * beforeAll(() => network.listen({ onUnhandledFrame: 'error' }))
 * afterEach(() => mock.reset())
 * afterAll(() => network.close())
 * ```
 */
export function createMockServer(options: MockServerOptions): MockServer {
  return new MockServer(options)
}
