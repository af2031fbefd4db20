import type { Client, ClientOptions } from '@wirestate/core'
import { type Message, WIRE } from '@wirestate/core/protocol'
import { Engine, MemoryBroker, MemoryHub, silentLogger } from '@wirestate/engine'
import { type WebSocketHandler, ws } from 'msw'
import { FrameRecord, type MockServerError, type RecordedFrame } from './frame-record.ts'
import type { ConnectionInfo, JoinHandler, PushHandler } from './handler-context.ts'
import { MockPresence } from './mock-presence.ts'
import { MockRoutes } from './mock-routes.ts'
import type { ConnectHandler, MockServerOptions } from './mock-server-options.ts'
import { MockSocket, type MswClient } from './mock-socket.ts'
import { MockStream } from './mock-stream.ts'
import { TestClients } from './test-clients.ts'

/**
 * A Phoenix Channels v2 server made of one msw WebSocket handler, for component tests
 * of wirestate apps (and of anything that speaks Phoenix). It is `@wirestate/server`'s
 * engine on msw's `ws.link`: what a client sees from it is what it would see from the
 * server. Pass `handler` to msw's `setupServer` (Node), `setupWorker` or
 * `network.configure` (browser); then drive it from the test: rules for joins and
 * pushes, broadcasts, presence, streams, network failures, and a record of what the
 * client sent.
 *
 * A topic is joinable once a rule, a stream, a presence or a `channels` route is about
 * it (joins are ok `{}` unless a join rule says otherwise), or anything with
 * `catchAll: true`; pushes without a rule get the server's `unhandled event` error.
 *
 * @example
 * ```ts
 * const mock = createMockServer({ url: 'ws://localhost/socket' })
 * const network = setupServer(mock.handler)
 * mock.onPush('room:*', 'new_msg', (msg) => ({ ok: { id: 1 } })) // room:* is routed now
 * mock.broadcast('room:1', 'new_msg', { body: 'hi' })
 * ```
 */
export class MockServer {
  readonly url: string
  /** The msw handler: give it to `setupServer`, `setupWorker` or `network.configure`. */
  readonly handler: WebSocketHandler
  #options: MockServerOptions
  #record = new FrameRecord()
  #clients = new TestClients()
  #routes: MockRoutes
  #connectHandlers: ConnectHandler[] = []
  #sockets: MockSocket[] = []
  #streams = new Set<string>()
  #presences = new Set<string>()
  #online = true
  #presenceRefs = 0
  #hub = new MemoryHub()
  #broker: MemoryBroker
  #engine: Engine<MockSocket>

  constructor(options: MockServerOptions) {
    if (!options?.url)
      throw new TypeError('createMockServer needs the socket url, e.g. ws://localhost/socket')
    this.url = options.url
    this.#options = options
    this.#routes = new MockRoutes(options, {
      isStream: (topic) => this.#streams.has(topic),
      hasPresence: (topic) => this.#presences.has(topic),
      declarePresence: (topic) => this.#presences.add(topic),
      failed: (socket, topic, event, error) =>
        this.#record.errors.push({ kind: 'handler', connection: socket.id, topic, event, error }),
    })
    this.#broker = this.#createBroker()
    this.#engine = this.#createEngine()
    this.handler = ws.link(options.url).addEventListener('connection', ({ client }) => {
      this.#accept(client)
    })
  }

  /**
   * A `@wirestate/core` client on this mock's url for the test at hand: `reset()`
   * disconnects it, so it cannot reconnect into the next test. It reconnects within 5 to
   * 20 ms (`reconnect` in `options` overrides that); other options as `createClient`'s
   * (`params: { user: 'ann' }`, ...).
   */
  createClient(options: Partial<ClientOptions> = {}): Client {
    return this.#clients.create(this.url, options)
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
    return this.#routes.joinRules.add(pattern, undefined, handler)
  }

  /** Adds a reply rule for `event` on topics matching `pattern`; returns its removal. */
  onPush<Payload = unknown>(
    pattern: string,
    event: string,
    handler: PushHandler<Payload>,
  ): () => void {
    return this.#routes.pushRules.add(pattern, event, handler)
  }

  /**
   * Sends an event to every client joined to `topic` (join_ref and ref null), stored
   * nowhere, even on a stream topic (use `stream(topic).append` for that).
   */
  broadcast(topic: string, event: string, payload: unknown = {}): void {
    this.#hub.emit(topic, { type: 'message', event, payload, from: null, id: null })
  }

  /** The presence of `topic`; from now on joiners of the topic get `presence_state`. */
  presence(topic: string): MockPresence {
    this.#presences.add(topic)
    return new MockPresence(topic, this.#hub, this.#broker.nodeId, () => this.#nextRef())
  }

  /** The stream of `topic`; from now on the topic is a stream (joins honour `since`). */
  stream(topic: string): MockStream {
    this.#streams.add(topic)
    return new MockStream(topic, this.#hub)
  }

  /** Crashes the topic's server channel: `phx_error` to every member, which rejoin. */
  crashChannel(topic: string): void {
    void this.#engine.endTopic(topic, 'crash')
  }

  /** Closes the topic's server channel: `phx_close` to every member, which stay closed. */
  closeChannel(topic: string): void {
    void this.#engine.endTopic(topic, 'stop')
  }

  /** Cuts every connection abruptly (close code 1006, as a lost network); clients reconnect. */
  drop(): void {
    this.close(1006)
  }

  /** Closes every connection with `code` (e.g. 1001 going away, 4000 to stop the client). */
  close(code = 1000, reason = ''): void {
    for (const socket of this.#sockets) socket.close(code, reason)
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
    return this.#sockets.map((c) => c.info)
  }

  /** How many connections are open now. */
  get connectionCount(): number {
    return this.#sockets.filter((c) => c.status === 'open').length
  }

  /**
   * Back to a fresh server between tests: the clients `createClient` made are
   * disconnected, connections still open are closed (1000), and the rules, presences,
   * streams, record, counters and offline mode are cleared. Unmount your components
   * first (Testing Library's `cleanup()`), so none joins again.
   */
  reset(): void {
    this.#clients.disconnectAll()
    this.close(1000, 'reset')
    this.#routes.clear()
    this.#connectHandlers = []
    this.#sockets = []
    this.#streams.clear()
    this.#presences.clear()
    this.#record.clear()
    this.#online = true
    this.#presenceRefs = 0
    void this.#broker.close()
    this.#hub = new MemoryHub()
    this.#broker = this.#createBroker()
    this.#engine = this.#createEngine()
  }

  #nextRef(): string {
    return `p${++this.#presenceRefs}`
  }

  #accept(client: MswClient): void {
    const id = this.#sockets.length + 1
    const record = this.#record
    const socket = new MockSocket(id, client, (message) =>
      record.sent.push({ connection: id, message }),
    )
    this.#sockets.push(socket)
    if (socket.params.vsn !== WIRE.vsn) {
      const reason = `vsn=${WIRE.vsn} is required, got ${socket.params.vsn ?? 'none'}`
      this.#record.errors.push({ kind: 'connection', connection: id, reason })
      socket.refuse(4400, reason)
      return
    }
    const decide = this.#connectHandlers.at(-1)
    // The close codes of @wirestate/server's refusals (docs/protocol.md, "Refused connections").
    if (!this.#online) socket.refuse()
    else if (decide?.(socket.info) === false) socket.refuse(4401, 'unauthorized')
    else socket.serve(this.#engine)
  }

  // No liveness timer (one node; tests may fake timers) and ids from the Date of now,
  // so fake timers that fake Date decide them.
  #createBroker(): MemoryBroker {
    return new MemoryBroker({ hub: this.#hub, livenessIntervalMs: 0, now: () => Date.now() })
  }

  #createEngine(): Engine<MockSocket> {
    const socketOf = (connectionId: string) =>
      this.#sockets.find((s) => s.connectionId === connectionId)?.id ?? 0
    return new Engine({
      broker: this.#broker,
      routes: this.#routes,
      limits: this.#options.limits,
      logger: silentLogger,
      presenceRef: () => this.#nextRef(),
      observer: this.#record.observer(socketOf),
    })
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
 * afterEach(() => mock.reset()) // disconnects the clients of mock.createClient()
 * afterAll(() => network.close())
 *
 * test('...', () => {
 *   const client = mock.createClient({ params: { user: 'ann' } })
 * })
 * ```
 */
export function createMockServer(options: MockServerOptions): MockServer {
  return new MockServer(options)
}
