import type { Command, CommandInit } from '../commands.ts'
import type { ConnectionListener } from '../connection/connection.ts'
import type { ConnectionHalf } from '../connection/connection-half.ts'
import { Push, type PushInit, type PushOutcome } from '../connection/push.ts'
import type { ConnectionEvent, ConnectionStatus, EventInit } from '../events.ts'
import type { InspectEntry, InspectListener } from '../inspector.ts'
import { createListeners, type Listeners } from '../listeners.ts'
import type { ResolvedOptions } from '../options.ts'
import { findIllFormed } from '../well-formed.ts'
import type { HubItem, HubMessage, HubSettings, SocketCommand, TabMessage } from './messages.ts'

/** Events about the socket as a whole, which a tab that does not use the socket ignores. */
const SOCKET_EVENTS = new Set<string>([
  'StatusChanged',
  'SocketOpened',
  'SocketClosed',
  'ReconnectScheduled',
  'HeartbeatReplied',
  'HeartbeatMissed',
])

/**
 * The connection half of a tab whose socket is shared: the same contract as `Connection`
 * (commands in, events out to the client's listener, a promise per push, the status and
 * the inspect stream), over a link to the hub that holds the socket. Its commands show in
 * its inspect stream; so do the events the hub sends it and, while it inspects, the
 * socket's raw frames.
 *
 * When the hub goes away (the leader tab closed), it is as if the socket dropped: pushes
 * waiting fail with `channel_closed`, `SocketClosed` and `reconnecting` are emitted; once
 * attached to the next hub, the socket's opening rejoins the channels, stream topics
 * resuming after the last id this tab got.
 *
 * @example
 * ```ts
 * const connection = new TabConnection(options, listener)
 * connection.attach((message) => port.postMessage(message), settingsOf(options))
 * port.onmessage = ({ data }) => connection.receive(data)
 * ```
 */
export class TabConnection implements ConnectionHalf {
  /** This tab's id, as the hub knows it. */
  readonly id: string = crypto.randomUUID()
  #o: ResolvedOptions
  #listener: ConnectionListener
  #inspector: Listeners<InspectEntry>
  #status: ConnectionStatus = { status: 'idle' }
  #open = false
  #wasOpen = false
  #started = false
  #pushes = new Map<number, Push>()
  #pushCount = 0
  /** The topics this tab holds, with the last stream id it got on each. */
  #topics = new Map<string, string | undefined>()
  #post: ((message: TabMessage) => void) | undefined
  /** What it said before a hub was there to hear it. */
  #waiting: TabMessage[] = []

  constructor(o: ResolvedOptions, listener: ConnectionListener) {
    this.#o = o
    this.#listener = listener
    this.#inspector = createListeners(o.logger)
  }

  get status(): ConnectionStatus {
    return this.#status
  }

  /** Talks to a hub from now on (the first one, or the next leader): says what it holds. */
  attach(post: (message: TabMessage) => void, settings: HubSettings): void {
    this.#post = post
    post({ type: 'attach', tab: this.id, settings, topics: [...this.#topics] })
    if (this.#inspectsFrames()) post({ type: 'frames', on: true })
    if (this.#started) post({ type: 'command', command: { type: 'OpenSocket' } })
    const waiting = this.#waiting
    this.#waiting = []
    for (const message of waiting) post(message)
  }

  /** The hub went away: as a dropped socket, until `attach` to the next one. */
  detached(reason: string): void {
    this.#post = undefined
    for (const push of this.#pushes.values()) this.#settle(push, 'channel_closed')
    const lastClose = { code: 1006, reason, opened: this.#open }
    if (this.#open) {
      this.#open = false
      const closeClass = this.#o.classifyClose(1006)
      this.#emit({ type: 'SocketClosed', ...lastClose, closeClass })
    }
    if (!this.#started) return
    const status = this.#wasOpen ? 'reconnecting' : 'connecting'
    this.#setStatus({ status, attempt: 0, lastClose })
  }

  /** A message from the hub. */
  receive(message: HubMessage): void {
    if (message.type === 'items') for (const item of message.items) this.#item(item)
    else if (message.type === 'provide') void this.#provide(message.request, message.context)
    else if (message.type === 'ping') this.#send({ type: 'pong' })
  }

  send(command: SocketCommand): void {
    this.#record(command)
    const { type } = command
    if (type === 'OpenSocket') {
      if (this.#started) return
      this.#started = true
    } else if (type === 'CloseSocket') this.#close()
    else if (type === 'JoinChannel')
      this.#topics.set(command.topic, this.#topics.get(command.topic))
    else if (type === 'LeaveChannel') this.#topics.delete(command.topic)
    this.#send({ type: 'command', command })
  }

  push(init: PushInit): Promise<unknown> {
    const push = new Push(++this.#pushCount, init)
    this.#record({ type: 'PushMessage', ...init, pushId: push.id })
    const illFormed = findIllFormed(push.payload)
    if (illFormed) {
      this.#settle(push, 'invalid_payload', undefined, `${illFormed} holds a lone surrogate`)
      return push.promise
    }
    // The hub times it out too; this timer is for a hub that went silent.
    push.timer = this.#o.timers.setTimeout(() => this.#settle(push, 'timeout'), push.timeoutMs)
    this.#pushes.set(push.id, push)
    try {
      this.#send({ type: 'push', pushId: push.id, init })
    } catch (error) {
      // Not structured-cloneable (a function, a DOM node): it could not be sent either.
      this.#settle(push, 'invalid_payload', undefined, `${error}`)
    }
    return push.promise
  }

  inspect(listener: InspectListener): () => void {
    const first = !this.#inspector.set.size
    const off = this.#inspector.add(listener)
    if (first && this.#inspectsFrames()) this.#send({ type: 'frames', on: true })
    return () => {
      off()
      if (!this.#inspector.set.size) this.#send({ type: 'frames', on: false })
    }
  }

  report(init: EventInit): void {
    if (!this.#inspector.set.size) return
    const event = { ...init, time: this.#o.timers.now() } as ConnectionEvent
    this.#inspector.emit({ kind: 'event', event })
  }

  #item(item: HubItem): void {
    if (item.kind === 'frame') this.#inspector.emit(item)
    else if (item.kind === 'settled') {
      const push = this.#pushes.get(item.pushId)
      if (push) this.#settle(push, item.outcome, item.response, item.reason)
    } else this.#event(item.event)
  }

  #event(event: EventInit): void {
    const { type } = event
    // Told before the hub heard of `disconnect()`, or while this tab had not connected.
    if (SOCKET_EVENTS.has(type) && !this.#started) return
    if (type === 'StatusChanged') {
      this.#setStatus(event.status)
      return
    }
    if (type === 'SocketOpened') this.#open = this.#wasOpen = true
    else if (type === 'SocketClosed') this.#open = false
    else if (type === 'MessageReceived' && this.#topics.has(event.topic)) {
      const id = (event.payload as { id?: unknown } | null)?.id
      if (typeof id === 'string') this.#topics.set(event.topic, id)
    }
    this.#emit(event)
  }

  /** The hub's status as this tab sees it: a new hub's first attempt is a reconnect here. */
  #setStatus(status: ConnectionStatus): void {
    const before = this.#status as { status: string; attempt?: number; lastClose?: unknown }
    let next = status
    if (status.status === 'connecting' && this.#wasOpen) {
      // The next hub's first attempt, after the last one went: the close is that one's.
      const lastClose = status.lastClose ?? (before.lastClose as typeof status.lastClose)
      next = { ...status, status: 'reconnecting', ...(lastClose && { lastClose }) }
    }
    const same = next as typeof before
    if (
      same.status === before.status &&
      same.attempt === before.attempt &&
      same.lastClose === before.lastClose
    )
      return
    this.#status = next
    this.#emit({ type: 'StatusChanged', status: next })
  }

  /** `disconnect()`: this tab's socket closes here; the hub gives up its topics. */
  #close(): void {
    this.#started = false
    this.#wasOpen = false
    if (this.#open) {
      this.#open = false
      this.#emit({
        type: 'SocketClosed',
        code: 1000,
        reason: '',
        closeClass: 'retry',
        opened: true,
      })
    }
    this.#status = { status: 'disconnected', reason: 'client' }
    this.#emit({ type: 'StatusChanged', status: this.#status })
  }

  /** The hub asks for the url and params of the next connect: this tab's providers answer. */
  async #provide(request: number, context: { attempt: number; reauthenticate: boolean }) {
    const { url, params } = this.#o
    try {
      const href = typeof url === 'function' ? await url(context) : url
      const values = typeof params === 'function' ? await params(context) : params
      this.#send({ type: 'provided', request, url: href, params: values })
    } catch (error) {
      this.#o.logger.error('wirestate: socket url or params failed', error)
      this.#send({ type: 'provided', request, error: `${error}` })
    }
  }

  #settle(push: Push, outcome: PushOutcome, response?: unknown, reason?: string): void {
    if (!push.settle(outcome, response, reason)) return
    this.#o.timers.clearTimeout(push.timer)
    this.#pushes.delete(push.id)
    this.#emit(push.report(), () => push.deliver())
  }

  #send(message: TabMessage): void {
    if (this.#post) this.#post(message)
    else this.#waiting.push(message)
  }

  #inspectsFrames(): boolean {
    return this.#inspector.set.size > 0 && this.#o.inspectLevel === 'frames'
  }

  #record(command: CommandInit): void {
    if (!this.#inspector.set.size) return
    const time = this.#o.timers.now()
    this.#inspector.emit({ kind: 'command', command: { ...command, time } as Command })
  }

  #emit(event: EventInit, deliver?: () => void): void {
    if (this.#inspector.set.size) {
      ;(event as ConnectionEvent).time = this.#o.timers.now()
      this.#inspector.emit({ kind: 'event', event: event as ConnectionEvent })
    }
    this.#listener(event, deliver)
  }
}
