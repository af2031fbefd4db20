import { atom, type ReadableAtom } from 'nanostores'
import { type ChannelInternals, FeatureHooks } from './channel-hooks.ts'
import type {
  ChannelEvents,
  ChannelHost,
  ChannelOptions,
  ChannelState,
  JoinOptions,
  MessageListener,
  OnceOptions,
  PushArgs,
  PushedEvent,
  PushOptions,
  PushReply,
  Received,
  ReceivedEvent,
  UnknownEvents,
} from './channel-types.ts'
import { createBackoff } from './connection/backoff.ts'
import { ChannelError, pushRefusal } from './errors.ts'
import type { EventInit } from './events.ts'
import { holdWhileListened } from './lifecycle.ts'
import { createListeners, type Listeners } from './listeners.ts'
import { Waiters } from './waiters.ts'

/**
 * A channel's host and hooks, for the features of this package (not in the package index).
 * `hold()` takes a reference as `join()` does, without a promise; it returns the release.
 *
 * @example
 * ```ts
 * const { host, hooks, hold } = channelInternals(channel)
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: any channel, whatever its event map
export let channelInternals: (channel: Channel<any>) => ChannelInternals

/**
 * One topic on the socket. Get it with `client.channel(topic)`: the same topic gives the
 * same Channel. `E` is its event map ({@link ChannelEvents}): `on`, `once`, `push` and the
 * replies are typed by it.
 *
 * Lifecycle: the first reference joins, the last one released leaves. References are taken
 * by `$state` subscribers (and a feature's bound stores) and by `join()` (held until its
 * `leave()`). A read is no subscriber: `$state.get()` or a `useStore` render never joins.
 * Subscribers let go after the client's `leaveDelayMs`, so StrictMode's double mount keeps
 * one join. A joined channel rejoins after every reconnect; a refused or crashed one with
 * backoff, unless the reason is fatal; one the server closed stays closed until `join()`.
 *
 * @example
 * ```ts
 * interface RoomEvents {
 *   receive: { new_msg: { body: string; user: string } }
 *   push: { new_msg: { payload: { body: string }; reply: { id: string } } }
 * }
 * const room = client.channel<RoomEvents>('room:42', { params: { nick: 'ann' } })
 * const off = room.on('new_msg', (msg) => console.log(msg.user, msg.body))
 * const reply = await room.join({ timeout: 5_000 })
 * const { id } = await room.push('new_msg', { body: 'hello' })
 * await room.leave()
 * ```
 */
export class Channel<E extends ChannelEvents = UnknownEvents> {
  readonly topic: string
  readonly $state: ReadableAtom<ChannelState>
  #state = atom<ChannelState>({ status: 'closed' })
  #host: ChannelHost
  #params: ChannelOptions['params']
  #refs = 0
  #messages: Listeners<{ event: string; payload: unknown }>
  #backoff
  #retry: unknown
  #hooks = new FeatureHooks()
  /** The last join reply's response, for a `join()` on a joined channel. */
  #response: unknown
  #joins: Waiters<unknown>
  #leaves: Waiters<void>

  static {
    channelInternals = (channel) => ({
      host: channel.#host,
      hooks: channel.#hooks,
      hold: () => {
        channel.#hold()
        return () => void channel.leave()
      },
    })
  }

  constructor(topic: string, options: ChannelOptions, host: ChannelHost) {
    this.topic = topic
    this.$state = this.#state
    this.#params = options.params
    this.#host = host
    this.#messages = createListeners(host.options.logger)
    this.#backoff = createBackoff(host.options.reconnect)
    this.#joins = new Waiters(host.options.timers)
    this.#leaves = new Waiters(host.options.timers)
    host.listen(topic, (event) => this.#handle(event))
    holdWhileListened(this.#state, channelInternals(this).hold, {
      timers: host.options.timers,
      delayMs: () => host.options.leaveDelayMs,
    })
  }

  /**
   * Adds a reference (the first one joins, and so does any after the channel stopped) and
   * resolves with the join reply's response once joined. Rejects with a `ChannelError`:
   * `refused` (for good, with the server's whole refusal), `timeout` (`options.timeout`),
   * or `closed` (the server closed the channel, the client stopped, or the last `leave()`
   * came first); a rejected join gives its reference back. Refusals that are retried keep
   * it waiting. Not awaiting it is fine: the rejection is then ignored.
   */
  join(options: JoinOptions = {}): Promise<unknown> {
    this.#hold()
    if (this.#state.value?.status === 'joined') return Promise.resolve(this.#response)
    const { timeout } = options
    return this.#joins.add(timeout, () => {
      void this.leave()
      return new ChannelError('timeout', this.topic, `not joined within ${timeout} ms`)
    })
  }

  /**
   * Drops a reference; the last one leaves. Resolves when the server acknowledged the leave
   * (at once when the socket is down or others still hold the channel). Extra calls do nothing.
   */
  leave(): Promise<void> {
    if (!this.#refs || --this.#refs) return Promise.resolve()
    const left = this.#leaves.add()
    this.#leaveNow()
    return left
  }

  /**
   * Holds the channel joined, as a `$state` subscriber does, until the returned release;
   * the last one leaves after `leaveDelayMs`, so an effect run twice keeps one join.
   */
  retain(): () => void {
    return this.#state.listen(() => {})
  }

  /**
   * Listens to one server event on this channel; returns an unsubscribe. Callbacks run in
   * the notify flush, so store updates they make are batched.
   */
  on<K extends ReceivedEvent<E>>(
    event: K,
    callback: (payload: Received<E, K>) => void,
  ): () => void {
    return this.#messages.add((m) => m.event === event && callback(m.payload as Received<E, K>))
  }

  /**
   * The payload of the next `event` (that passes `filter`), as a promise; rejects with a
   * `ChannelError` `timeout` after `options.timeout` ms. Like `on()`, it does not join.
   */
  once<K extends ReceivedEvent<E>>(
    event: K,
    options: OnceOptions<Received<E, K>> = {},
  ): Promise<Received<E, K>> {
    const { timeout, filter } = options
    const next = new Waiters<Received<E, K>>(this.#host.options.timers)
    const off = this.on(event, (payload) => {
      if (filter && !filter(payload)) return
      off()
      next.resolve(payload)
    })
    return next.add(timeout, () => {
      off()
      return new ChannelError('timeout', this.topic, `no ${event} within ${timeout} ms`)
    })
  }

  /**
   * Listens to every server event on this channel, after its features (a duplicate a stream
   * dropped never arrives); returns an unsubscribe. Runs in the notify flush, like `on()`.
   */
  onMessage(callback: MessageListener<E>): () => void {
    const listener = callback as (event: string, payload: unknown) => void
    return this.#messages.add((m) => listener(m.event, m.payload))
  }

  /**
   * Sends an event; settles exactly once with the reply, or rejects with a `PushError`
   * (see `PushErrorCode`). Pushes made before the join completes, or over the rate limit,
   * wait in the outbound buffer, in order, and time out if never sent.
   */
  push<K extends PushedEvent<E>>(event: K, ...args: PushArgs<E, K>): Promise<PushReply<E, K>> {
    const [payload = {}, options = {}] = args as [unknown, PushOptions | undefined]
    const { timeout = this.#host.options.pushTimeoutMs, noReply } = options
    const { topic } = this
    if (!this.#refs || this.#stopped()) {
      return Promise.reject(pushRefusal(this.#state.value as ChannelState, { topic, event }))
    }
    const init = { topic, event, payload, timeoutMs: timeout, noReply }
    return this.#host.push(init) as Promise<PushReply<E, K>>
  }

  #hold(): void {
    if (this.#refs++ && !this.#stopped()) return
    this.#backoff.reset()
    this.#rejoin()
  }

  /** The last reference is gone: leave (or just close, when stopped already). */
  #leaveNow(): void {
    this.#host.options.timers.clearTimeout(this.#retry)
    this.#failJoins(new ChannelError('closed', this.topic, 'left'), false)
    const stopped = this.#stopped()
    this.#set(stopped ? 'closed' : 'leaving')
    if (!stopped) this.#host.send({ type: 'LeaveChannel', topic: this.topic })
    else this.#leaves.resolve()
  }

  #handle(e: EventInit): void {
    const { type } = e
    // Features first (a stream drops duplicates), then `on()` listeners: the event, no copy.
    if (type === 'MessageReceived') {
      if (this.#hooks.pass(e.event, e.payload, this.#host.options.logger)) this.#messages.emit(e)
    } else if (type === 'ChannelLeft') {
      if (this.#state.value?.status === 'leaving') this.#set('closed')
      this.#leaves.resolve()
    }
    // Events can still arrive for a join given up in the same flush (left, or stopped).
    else if (!this.#refs || this.#stopped()) return
    else if (type === 'SocketOpened' || type === 'SocketClosed') this.#rejoin()
    else if (type === 'StatusChanged') {
      if (e.status.status !== 'disconnected') {
        if (this.#state.value?.status === 'disconnected') this.#rejoin()
        return
      }
      this.#set('disconnected')
      this.#failJoins(new ChannelError('closed', this.topic, `client ${e.status.reason}`))
    } else if (type === 'ChannelJoined') {
      this.#backoff.reset()
      this.#response = e.response
      this.#set('joined')
      this.#hooks.joined(e.response)
      this.#joins.resolve(e.response)
    } else if (type === 'ChannelClosed') {
      this.#host.options.timers.clearTimeout(this.#retry)
      this.#state.set({ status: 'closed', reason: 'server' })
      this.#hooks.stopped()
      this.#failJoins(new ChannelError('closed', this.topic, 'server'))
    } else if (type === 'ChannelErrored') this.#errored('error', false)
    else if (type === 'ChannelJoinRejected') this.#errored(e.reason, e.fatal, e.response)
    else if (type === 'RateLimited' && e.command === 'JoinChannel') {
      this.#errored('rate_limited', false)
    }
  }

  /** Rejects the joins waiting; they give their references back, unless a leave took them. */
  #failJoins(error: ChannelError, release = true): void {
    const count = this.#joins.reject(error)
    if (!release || !count) return
    this.#refs = Math.max(0, this.#refs - count)
    if (!this.#refs && !this.#stopped()) this.#leaveNow()
  }

  /**
   * Joins now if the socket is open; otherwise the next SocketOpened does. A client that
   * stopped (`disconnect()`) waits for `connect()`; one that cannot connect (no WebSocket: a
   * server render) leaves the channel closed.
   */
  #rejoin(): void {
    this.#host.options.timers.clearTimeout(this.#retry)
    const stance = this.#host.connect()
    if (stance === 'unable') {
      this.#failJoins(new ChannelError('closed', this.topic, 'no WebSocket here'))
      return
    }
    this.#set(stance === 'stopped' ? 'disconnected' : 'joining')
    if (stance === 'stopped' || !this.#host.open()) return
    const payload = this.#hooks.joinPayload(this.#params)
    this.#host.send({ type: 'JoinChannel', topic: this.topic, payload })
  }

  #errored(reason: string, fatal: boolean, response?: unknown): void {
    const { timers } = this.#host.options
    this.#state.set({ status: 'errored', reason, fatal, response })
    if (fatal) {
      this.#hooks.stopped()
      this.#failJoins(new ChannelError('refused', this.topic, reason, response))
    } else if (this.#host.open()) {
      this.#retry = timers.setTimeout(() => this.#rejoin(), this.#backoff.next())
    }
  }

  #set(status: 'closed' | 'joining' | 'joined' | 'leaving' | 'disconnected'): void {
    const stopped = this.#stopped()
    this.#state.set({ status })
    if (status === 'closed' && !stopped) this.#hooks.stopped()
  }

  #stopped(): boolean {
    const s = this.#state.value as ChannelState
    return s.status === 'closed' || (s.status === 'errored' && s.fatal)
  }
}
