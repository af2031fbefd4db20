import { atom, type ReadableAtom } from 'nanostores'
import { Channel, type ChannelHost, type ChannelOptions } from './channel.ts'
import { type Connection, createConnection } from './connection.ts'
import type { ConnectionEvent, ConnectionStatus } from './events.ts'
import type { InspectListener } from './inspector.ts'
import { createListeners, type Listeners } from './listeners.ts'
import { notifyManager } from './notify.ts'
import { type ClientOptions, type ResolvedOptions, resolveOptions } from './options.ts'
import { type PendingPush, settlePush } from './push.ts'

/**
 * The client half: a registry of channels and the atoms the UI renders. It sends commands
 * to its connection and folds the connection's events into atoms, always inside a
 * `notifyManager` flush, so a burst of frames notifies subscribers once.
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
  #connection: Connection
  #channels: Map<string, Channel> = new Map()
  #events: Listeners<ConnectionEvent>
  #host: ChannelHost
  #pushes: Map<number, PendingPush> = new Map()
  #pushId = 0
  #open = false
  #started = false
  #unwatch: (() => void) | undefined

  constructor(options: ClientOptions) {
    const o = resolveOptions(options)
    // Events wait in one array for the next flush: one scheduled callback per flush,
    // not one closure per frame.
    let pending: ConnectionEvent[] = []
    const foldPending = () => {
      const events = pending
      pending = []
      for (const event of events) this.#fold(event)
    }
    const connection = createConnection(o, (event) => {
      if (pending.push(event) === 1) notifyManager.schedule(foldPending)
    })
    this.#o = o
    this.#connection = connection
    this.$status = this.#status
    this.#events = createListeners(o.logger)
    this.#host = {
      options: o,
      open: () => this.#open,
      connect: () => this.#started || this.connect(),
      send: connection.send,
      push: (topic, event, payload, timeoutMs, noReply) => {
        const pushId = ++this.#pushId
        const promise = new Promise((...settle: PendingPush) => this.#pushes.set(pushId, settle))
        connection.send({ type: 'PushMessage', topic, event, payload, pushId, timeoutMs, noReply })
        return promise
      },
      listen: this.#events.add,
      client: this,
      // Feature events (MessagesCoalesced, ...) join the connection's inspect stream.
      report: connection.report,
    }
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
    const channel = this.#channels.get(topic) ?? new Channel(topic, options, this.#host)
    this.#channels.set(topic, channel)
    return channel
  }

  /**
   * Listens to every command, event and raw frame; returns an unsubscribe. With no
   * listener nothing is recorded or measured.
   */
  inspect(listener: InspectListener): () => void {
    return this.#connection.inspect(listener)
  }

  #fold(e: ConnectionEvent): void {
    if (e.type === 'StatusChanged') this.#status.set(e.status)
    else if (!settlePush(this.#pushes, e)) {
      if (e.type === 'SocketOpened' || e.type === 'SocketClosed') {
        this.#open = e.type === 'SocketOpened'
      }
      this.#events.emit(e)
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
