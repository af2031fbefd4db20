import { atom, type ReadableAtom } from 'nanostores'
import { Channel } from './channel.ts'
import type { ChannelEvents, ChannelHost, ChannelOptions, UnknownEvents } from './channel-types.ts'
import { Connection } from './connection/connection.ts'
import type { ConnectionHalf } from './connection/connection-half.ts'
import { ConnectionError } from './errors.ts'
import type { ConnectionStatus, EventInit } from './events.ts'
import { INSPECT_HOOK, type InspectHook, type InspectListener } from './inspector.ts'
import type { NotifyManager } from './notify.ts'
import { type ClientOptions, type ResolvedOptions, resolveOptions } from './options.ts'
import { warnIfOptionsDiffer } from './options-kept.ts'
import { Waiters } from './waiters.ts'

type Handler = (event: EventInit) => void

// biome-ignore lint/suspicious/noExplicitAny: channels of any event map
type AnyChannel = Channel<any>

const owners = new WeakMap<AnyChannel, Client>()
/**
 * Messages waiting for the flush at which it runs at once, in the task the last one came
 * in: a flood (over 60 000 messages a second) is still folded a thousand at a time, but is
 * not all held until the window ends. Holding 200 000 frames of one task cost a fifth of
 * their dispatch time in garbage collection (bench/dispatch, "all frames in one task").
 */
const FLOOD = 1_000
/** Why a client cannot connect where there is no window (and no WebSocket was given). */
const NO_WEBSOCKET =
  'no WebSocket here (no window: a server render or Node); in Node pass createClient({ WebSocket })'
/** Events that settle an awaited `join()` or `leave()`: they do not wait for the UI window. */
const SETTLING = new Set<string>([
  'ChannelJoined',
  'ChannelJoinRejected',
  'ChannelLeft',
  'ChannelClosed',
])

/**
 * The client a channel belongs to (for feature modules, which get a channel).
 *
 * @example
 * ```ts
 * clientOf(room) === client // true
 * ```
 */
export function clientOf(channel: AnyChannel): Client {
  return owners.get(channel) as Client
}

/**
 * The client half: a registry of channels and the atoms the UI renders. It sends commands
 * to its connection and folds the connection's events into atoms, always inside a flush of
 * its notify manager, so a burst of frames notifies subscribers once.
 *
 * @example
 * ```ts
 * const client = createClient({ url: 'wss://example.com/socket/websocket' })
 * client.$status.subscribe((s) => console.log(s.status))
 * ```
 */
export class Client {
  /** `idle`, `connecting`, `connected`, `reconnecting`, or `disconnected` with a reason. */
  readonly $status: ReadableAtom<ConnectionStatus>
  #status = atom<ConnectionStatus>({ status: 'idle' })
  #o: ResolvedOptions
  #notify: NotifyManager
  #connection: ConnectionHalf
  #channels = new Map<string, { channel: AnyChannel; options: ChannelOptions }>()
  /** Each channel's event handler, by topic: an event costs one lookup, however many channels. */
  #routes = new Map<string, Handler>()
  /** Events (and push deliveries) waiting for the next flush, in arrival order. */
  #queue: Array<EventInit | (() => void)> = []
  #open = false
  #soon = false
  #started = false
  /** Said once per client: a channel wants to join where there is no WebSocket. */
  #warnedUnable = false
  #unwatch: (() => void) | undefined
  /** `connect()` calls waiting for the status to say connected or disconnected. */
  #connecting: Waiters<void>
  // One scheduled callback per flush, not one closure per frame.
  #flushQueue = () => this.#foldQueue()

  constructor(options: ClientOptions) {
    const o = resolveOptions(options)
    this.#o = o
    this.#notify = o.notify
    this.#connecting = new Waiters(o.timers)
    this.$status = this.#status
    // A socket of its own, unless the app shares one between its tabs (`/shared`).
    const makeConnection = options.connection ?? ((o, listener) => new Connection(o, listener))
    this.#connection = makeConnection(o, (event, deliver) => {
      this.#enqueue(event)
      // The hot path: a message only waits for the flush (or starts one in a flood).
      if (event.type === 'MessageReceived') {
        if (this.#queue.length >= FLOOD) this.#notify.flush()
        return
      }
      if (event.type === 'StatusChanged') this.#statusChanged(event.status)
      if (deliver) this.#deliver(deliver)
      else if (SETTLING.has(event.type)) this.#flushSoon()
    })
    // Devtools, when imported, records from here on (a panel mounted later shows it all).
    ;(globalThis as { [INSPECT_HOOK]?: InspectHook })[INSPECT_HOOK]?.clientCreated(this)
    if (!o.lazy) this.#stance()
  }

  /**
   * Opens the socket now (otherwise it opens when the first channel joins). Resolves once
   * connected; rejects with a `ConnectionError` if the client stops first (`unauthorized`,
   * `max_retries`, a `server` stop code, or `disconnect()`). Not awaiting it is fine.
   */
  connect(): Promise<void> {
    this.#start()
    if (this.#connection.status.status !== 'connected') return this.#connecting.add()
    return new Promise((resolve) => this.#deliver(resolve))
  }

  /**
   * Closes the socket and stops reconnecting; `$status` becomes `disconnected` (`client`).
   * Resolves once `$status` says so.
   */
  disconnect(): Promise<void> {
    this.#unwatch?.()
    this.#unwatch = undefined
    this.#connection.send({ type: 'CloseSocket' })
    return new Promise((resolve) => this.#deliver(resolve))
  }

  #start(): void {
    const o = this.#o
    if (!o.WebSocket) throw new TypeError(`wirestate: ${NO_WEBSOCKET}`)
    this.#started = true
    if (!this.#unwatch) {
      // Back online or visible again: heartbeat at once, or reconnect now if waiting to.
      const check = () => this.#connection.send({ type: 'CheckSocket' })
      const offOnline = o.onOnline(check)
      const offVisible = o.onVisible(check)
      this.#unwatch = () => {
        offOnline()
        offVisible()
      }
    }
    this.#connection.send({ type: 'OpenSocket' })
  }

  /**
   * Drops the socket as a lost network would and holds it down (`$status` stays
   * `reconnecting`, channels wait to rejoin) until called with `false`, which reconnects
   * at once. For devtools, demos and tests of offline behaviour.
   */
  simulateOffline(offline = true): void {
    this.#connection.send({ type: offline ? 'HoldSocket' : 'ReleaseSocket' })
  }

  /**
   * Starts the client lazily (a channel wants to join) and says where it stands. Where
   * there is no WebSocket (a server render) it never starts: it warns once instead.
   */
  #stance(): ReturnType<ChannelHost['connect']> {
    if (!this.#started) {
      if (!this.#o.WebSocket) {
        if (!this.#warnedUnable) {
          this.#warnedUnable = true
          this.#o.logger.warn(`wirestate: not connecting: ${NO_WEBSOCKET}`)
        }
        return 'unable'
      }
      this.#start()
    }
    return this.#connection.status.status === 'disconnected' ? 'stopped' : 'trying'
  }

  /**
   * The channel for a topic: the same instance for the same topic. `E` is its event map
   * (see `ChannelEvents`). The first options win; in development builds a later call with
   * other options warns once.
   */
  channel<E extends ChannelEvents = UnknownEvents>(
    topic: string,
    options?: ChannelOptions,
  ): Channel<E> {
    const known = this.#channels.get(topic)
    if (known) {
      if (options)
        warnIfOptionsDiffer(`channel('${topic}')`, known.options, options, this.#o.logger)
      return known.channel
    }
    const connection = this.#connection
    const channel = new Channel<E>(topic, options ?? {}, {
      options: this.#o,
      notify: this.#notify,
      open: () => this.#open,
      connect: () => this.#stance(),
      send: (command) => connection.send(command),
      push: (init) => connection.push(init),
      listen: (t, handler) => this.#routes.set(t, handler),
      // Feature events (MessagesCoalesced, ...) join the connection's inspect stream.
      report: (event) => connection.report(event),
    })
    this.#channels.set(topic, { channel, options: options ?? {} })
    owners.set(channel, this)
    return channel
  }

  /**
   * Listens to every command, event and raw frame; returns an unsubscribe. With no
   * listener nothing is recorded or measured.
   */
  inspect(listener: InspectListener): () => void {
    return this.#connection.inspect(listener)
  }

  #enqueue(item: EventInit | (() => void)): void {
    if (this.#queue.push(item) === 1) this.#notify.schedule(this.#flushQueue)
  }

  /** Runs `settle` in the flush, after the events before it, at the end of this task. */
  #deliver(settle: () => void): void {
    this.#enqueue(settle)
    this.#flushSoon()
  }

  /** Settles the `connect()` calls waiting, in order with the events (decided as emitted). */
  #statusChanged(status: ConnectionStatus): void {
    const waiting = this.#connecting
    const ended = status.status === 'connected' || status.status === 'disconnected'
    if (!ended || !waiting.size) return
    this.#connecting = new Waiters(this.#o.timers)
    const error = status.status === 'disconnected' && new ConnectionError(status)
    this.#deliver(() => (error ? waiting.reject(error) : waiting.resolve()))
  }

  /**
   * Something settled (a push, a join, a leave): flush at the end of this task rather than
   * at the scheduled time, so a reply is not held back for the UI's window. Everything that
   * arrived before it is folded first, in the same batch, and its promise settles last.
   */
  #flushSoon(): void {
    if (this.#soon) return
    this.#soon = true
    queueMicrotask(() => {
      this.#soon = false
      this.#notify.flush()
    })
  }

  #foldQueue(): void {
    const queue = this.#queue
    this.#queue = []
    for (const item of queue) {
      // One event's listener that throws must not take the rest of the flush with it.
      try {
        if (typeof item === 'function') item()
        else this.#apply(item)
      } catch (error) {
        this.#o.logger.error('wirestate: a listener threw', error)
      }
    }
  }

  /** Folds one event: into `$status`, or to the channel(s) it concerns. */
  #apply(e: EventInit): void {
    const { type } = e
    // Messages first: most events are, and `in` over events of many shapes costs more.
    if (type === 'MessageReceived' || 'topic' in e) this.#routes.get(e.topic as string)?.(e)
    else if (type === 'SocketOpened' || type === 'SocketClosed' || type === 'StatusChanged') {
      if (type === 'StatusChanged') this.#status.set(e.status)
      else this.#open = type === 'SocketOpened'
      // Socket events concern every channel (rejoin, or give up the joins still waiting).
      for (const handler of this.#routes.values()) handler(e)
    }
  }
}

/**
 * Creates a client. Nothing connects until the first channel joins (or `connect()`, or
 * `lazy: false`).
 *
 * @example
 * ```ts
 * import { createClient } from '@wirestate/core'
 *
 * const client = createClient({
 *   url: 'wss://example.com/socket/websocket',
 *   params: () => ({ token: localStorage.getItem('token') }),
 * })
 * const room = client.channel('room:42')
 * room.on('new_msg', (msg) => console.log(msg))
 * room.join()
 * ```
 */
export function createClient(options: ClientOptions): Client {
  return new Client(options)
}
