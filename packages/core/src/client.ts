import { atom, type ReadableAtom } from 'nanostores'
import { Channel, type ChannelOptions } from './channel.ts'
import { Connection } from './connection/connection.ts'
import type { ConnectionEvent, ConnectionStatus } from './events.ts'
import type { InspectListener } from './inspector.ts'
import type { NotifyManager } from './notify.ts'
import { type ClientOptions, type ResolvedOptions, resolveOptions } from './options.ts'

type Handler = (event: ConnectionEvent) => void

const owners = new WeakMap<Channel, Client>()

/**
 * The client a channel belongs to (for feature modules, which get a channel).
 *
 * @example
 * ```ts
 * clientOf(room) === client // true
 * ```
 */
export function clientOf(channel: Channel): Client {
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
  #connection: Connection
  #channels = new Map<string, Channel>()
  /** Each channel's event handler, by topic: an event costs one lookup, however many channels. */
  #routes = new Map<string, Handler>()
  /** Events (and push deliveries) waiting for the next flush, in arrival order. */
  #queue: Array<ConnectionEvent | (() => void)> = []
  #open = false
  #soon = false
  #started = false
  #unwatch: (() => void) | undefined

  constructor(options: ClientOptions) {
    const o = resolveOptions(options)
    this.#o = o
    this.#notify = o.notify
    this.$status = this.#status
    // One scheduled callback per flush, not one closure per frame.
    const fold = () => this.#foldQueue()
    this.#connection = new Connection(o, (event, deliver) => {
      if (this.#queue.push(event) === 1) this.#notify.schedule(fold)
      if (deliver) {
        this.#queue.push(deliver)
        this.#flushSoon()
      }
    })
    if (!o.lazy) this.connect()
  }

  /** Opens the socket now (otherwise it opens when the first channel joins). */
  connect(): void {
    const o = this.#o
    if (!o.WebSocket) throw new TypeError('wirestate: no WebSocket; pass the WebSocket option')
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

  /** Closes the socket and stops reconnecting; `$status` becomes `disconnected` (`client`). */
  disconnect(): void {
    this.#unwatch?.()
    this.#unwatch = undefined
    this.#connection.send({ type: 'CloseSocket' })
  }

  /**
   * Drops the socket as a lost network would and holds it down (`$status` stays
   * `reconnecting`, channels wait to rejoin) until called with `false`, which reconnects
   * at once. For devtools, demos and tests of offline behaviour.
   */
  simulateOffline(offline = true): void {
    this.#connection.send({ type: offline ? 'HoldSocket' : 'ReleaseSocket' })
  }

  /** The channel for a topic: the same instance for the same topic (the first options win). */
  channel(topic: string, options: ChannelOptions = {}): Channel {
    let channel = this.#channels.get(topic)
    if (channel) return channel
    const connection = this.#connection
    channel = new Channel(topic, options, {
      options: this.#o,
      notify: this.#notify,
      open: () => this.#open,
      connect: () => this.#started || this.connect(),
      send: (command) => connection.send(command),
      push: (init) => connection.push(init),
      listen: (t, handler) => this.#routes.set(t, handler),
      // Feature events (MessagesCoalesced, ...) join the connection's inspect stream.
      report: (event) => connection.report(event),
    })
    this.#channels.set(topic, channel)
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

  /**
   * A push settled: flush at the end of this task rather than at the scheduled time, so a
   * reply is not held back for the UI's window. Everything that arrived before it is
   * folded first, in the same batch, and its promise settles last.
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
        else this.#fold(item)
      } catch (error) {
        this.#o.logger.error('wirestate: a listener threw', error)
      }
    }
  }

  #fold(e: ConnectionEvent): void {
    if ('topic' in e) this.#routes.get(e.topic as string)?.(e)
    else if (e.type === 'StatusChanged') this.#status.set(e.status)
    else if (e.type === 'SocketOpened' || e.type === 'SocketClosed') {
      this.#open = e.type === 'SocketOpened'
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
