import { atom, onMount, type ReadableAtom } from 'nanostores'
import type {
  ChannelHooks,
  ChannelHost,
  ChannelOptions,
  ChannelState,
  JoinOptions,
  MessageListener,
  OnceOptions,
  PushOptions,
} from './channel-types.ts'
import { createBackoff } from './connection/backoff.ts'
import { ChannelError, PushError } from './errors.ts'
import type { EventInit } from './events.ts'
import { createListeners, type Listeners } from './listeners.ts'
import { Waiters } from './waiters.ts'

/**
 * A channel's host and hooks, for the feature modules of this package; not exported from
 * the package index, so `Channel` gains no public surface for it. `hold()` takes a
 * reference as `join()` does, without a promise; it returns the matching release.
 *
 * @example
 * ```ts
 * const { host, hooks, hold } = channelInternals(channel)
 * ```
 */
export let channelInternals: (channel: Channel) => {
  host: ChannelHost
  hooks: Set<ChannelHooks>
  hold(): () => void
}

/**
 * One topic on the socket. Get it with `client.channel(topic)`: the same topic gives the
 * same Channel.
 *
 * Lifecycle: the first reference joins, the last one released leaves. References are taken
 * by `$state` subscribers (and a feature's bound stores) and by `join()`; a `join()` that
 * resolved holds the channel until its `leave()`, one that rejected holds nothing.
 * Subscribers let go after nanostores' 1 s unmount delay, the grace period that keeps one
 * join through React StrictMode's double mount and quick route changes. A joined channel
 * rejoins after every reconnect; a refused or crashed one rejoins with backoff, unless the
 * reason is fatal (`fatalJoinReasons`). A channel the server closed stays closed until
 * `join()` is called again.
 *
 * @example
 * ```ts
 * const room = client.channel('room:42', { params: { nick: 'ann' } })
 * const off = room.on('new_msg', (msg) => console.log(msg))
 * const reply = await room.join({ timeout: 5_000 })
 * await room.push('new_msg', { body: 'hello' })
 * await room.leave()
 * ```
 */
export class Channel {
  readonly topic: string
  readonly $state: ReadableAtom<ChannelState>
  #state = atom<ChannelState>({ status: 'closed' })
  #host: ChannelHost
  #params: ChannelOptions['params']
  #refs = 0
  #messages: Listeners<{ event: string; payload: unknown }>
  #backoff
  #retry: unknown
  #hooks: Set<ChannelHooks> = new Set()
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
    onMount(this.#state, () => {
      this.#hold()
      return () => void this.leave()
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
   * Drops a reference; the last one leaves, and the promise resolves when the server
   * acknowledged the leave (or at once when the socket is down or others still hold the
   * channel). Extra calls do nothing.
   */
  leave(): Promise<void> {
    if (!this.#refs || --this.#refs) return Promise.resolve()
    const left = this.#leaves.add()
    this.#leaveNow()
    return left
  }

  /**
   * Listens to one server event on this channel; returns an unsubscribe. Callbacks run in
   * the notify flush, so store updates they make are batched.
   */
  on<T = unknown>(event: string, callback: (payload: T) => void): () => void {
    return this.#messages.add((m) => m.event === event && callback(m.payload as T))
  }

  /**
   * The payload of the next `event` (that passes `filter`), as a promise; rejects with a
   * `ChannelError` `timeout` after `options.timeout` ms. Like `on()`, it does not join.
   */
  once<T = unknown>(event: string, options: OnceOptions<T> = {}): Promise<T> {
    const { timeout, filter } = options
    const next = new Waiters<T>(this.#host.options.timers)
    const off = this.on<T>(event, (payload) => {
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
   * Listens to every server event on this channel, whatever its name (after the channel's
   * features had theirs: a duplicate a stream dropped never arrives); returns an
   * unsubscribe. Callbacks run in the notify flush, like `on()`.
   */
  onMessage(callback: MessageListener): () => void {
    return this.#messages.add((m) => callback(m.event, m.payload))
  }

  /**
   * Sends an event; settles exactly once with the reply, or rejects with a `PushError`
   * (see `PushErrorCode`). Pushes made before the join completes, or over the rate limit,
   * wait in the outbound buffer, in order, and time out if never sent.
   */
  push<T = unknown>(event: string, payload: unknown = {}, options: PushOptions = {}): Promise<T> {
    const { timeout = this.#host.options.pushTimeoutMs, noReply } = options
    const { topic } = this
    const state = this.#state.value as ChannelState
    if (state.status === 'errored' && state.fatal) {
      const refused = new PushError('join_refused', { topic, event }, state.response, state.reason)
      return Promise.reject(refused)
    }
    if (!this.#refs || this.#stopped()) {
      const why = state.status === 'closed' && state.reason ? 'closed by the server' : 'not joined'
      return Promise.reject(new PushError('channel_closed', { topic, event }, undefined, why))
    }
    return this.#host.push({ topic, event, payload, timeoutMs: timeout, noReply }) as Promise<T>
  }

  #hold(): void {
    if (this.#refs++ && !this.#stopped()) return
    this.#backoff.reset()
    this.#host.connect()
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
    if (type === 'MessageReceived') this.#message(e)
    else if (type === 'ChannelLeft') {
      if (this.#state.value?.status === 'leaving') this.#set('closed')
      this.#leaves.resolve()
    }
    // Events can still arrive for a join given up in the same flush (left, or stopped).
    else if (!this.#refs || this.#stopped()) return
    else if (type === 'SocketOpened' || type === 'SocketClosed') this.#rejoin()
    else if (type === 'StatusChanged' && e.status.status === 'disconnected') {
      this.#failJoins(new ChannelError('closed', this.topic, `client ${e.status.reason}`))
    } else if (type === 'ChannelJoined') {
      this.#backoff.reset()
      this.#response = e.response
      this.#set('joined')
      for (const h of this.#hooks) h.joined?.(e.response)
      this.#joins.resolve(e.response)
    } else if (type === 'ChannelClosed') {
      this.#host.options.timers.clearTimeout(this.#retry)
      this.#state.set({ status: 'closed', reason: 'server' })
      this.#stop()
      this.#failJoins(new ChannelError('closed', this.topic, 'server'))
    } else if (type === 'ChannelErrored') this.#errored('error', false)
    else if (type === 'ChannelJoinRejected') this.#errored(e.reason, e.fatal, e.response)
    else if (type === 'RateLimited' && e.command === 'JoinChannel') {
      this.#errored('rate_limited', false)
    }
  }

  /** Hands a message to the features, then (unless one dropped it) to `on()` listeners. */
  #message(message: { event: string; payload: unknown }): void {
    const { event, payload } = message
    for (const h of this.#hooks) {
      // A feature that throws must not take the message from the others, or the flush.
      try {
        if (h.message?.(event, payload) === false) return
      } catch (error) {
        this.#host.options.logger.error('wirestate: a listener threw', error)
      }
    }
    // The event itself, not a copy: this runs once per frame.
    this.#messages.emit(message)
  }

  /** Rejects the joins waiting; they give their references back, unless a leave took them. */
  #failJoins(error: ChannelError, release = true): void {
    const count = this.#joins.reject(error)
    if (!release || !count) return
    this.#refs = Math.max(0, this.#refs - count)
    if (!this.#refs && !this.#stopped()) this.#leaveNow()
  }

  /** Joins now if the socket is open; otherwise the next SocketOpened does. */
  #rejoin(): void {
    this.#host.options.timers.clearTimeout(this.#retry)
    this.#set('joining')
    if (!this.#host.open()) return
    const params = this.#params
    // A copy: hooks add their fields, and the params object may be the caller's own.
    const payload = { ...(typeof params === 'function' ? params() : params) }
    for (const h of this.#hooks) {
      h.joining?.()
      Object.assign(payload, h.params?.())
    }
    this.#host.send({ type: 'JoinChannel', topic: this.topic, payload })
  }

  #errored(reason: string, fatal: boolean, response?: unknown): void {
    const { timers } = this.#host.options
    this.#state.set({ status: 'errored', reason, fatal, response })
    if (fatal) {
      this.#stop()
      this.#failJoins(new ChannelError('refused', this.topic, reason, response))
    } else if (this.#host.open()) {
      this.#retry = timers.setTimeout(() => this.#rejoin(), this.#backoff.next())
    }
  }

  #set(status: 'closed' | 'joining' | 'joined' | 'leaving'): void {
    const stopped = this.#stopped()
    this.#state.set({ status })
    if (status === 'closed' && !stopped) this.#stop()
  }

  #stop(): void {
    for (const h of this.#hooks) h.stopped?.()
  }

  // Not `$state.get()`: reading an unsubscribed atom that way mounts it, which would join.
  #stopped(): boolean {
    const s = this.#state.value as ChannelState
    return s.status === 'closed' || (s.status === 'errored' && s.fatal)
  }
}
