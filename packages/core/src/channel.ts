import { atom, onMount, type ReadableAtom } from 'nanostores'
import type { CommandInit } from './commands.ts'
import { createBackoff } from './connection/backoff.ts'
import type { PushInit } from './connection/push.ts'
import { PushError } from './errors.ts'
import type { ConnectionEvent, EventInit } from './events.ts'
import { createListeners } from './listeners.ts'
import type { NotifyManager } from './notify.ts'
import type { ResolvedOptions } from './options.ts'

/**
 * A channel's state, as `channel.$state` holds it. `closed` has reason `server` when the
 * server closed the channel; `errored` says why and whether it is `fatal` (not retried).
 *
 * @example
 * ```ts
 * channel.$state.subscribe((s) => { if (s.status === 'errored' && s.fatal) showError(s.reason) })
 * ```
 */
export type ChannelState =
  | { status: 'closed'; reason?: 'server' }
  | { status: 'joining' | 'joined' | 'leaving' }
  | { status: 'errored'; reason: string; fatal: boolean }

/**
 * Join params: an object, or a function evaluated before every join and rejoin (so a
 * rejoin after a reconnect sends fresh values, e.g. the last message id seen).
 *
 * @example
 * ```ts
 * client.channel('room:42', { params: () => ({ last_seen: lastId }) })
 * ```
 */
export interface ChannelOptions {
  params?: Record<string, unknown> | (() => Record<string, unknown>)
}

/**
 * Options of one push.
 *
 * @example
 * ```ts
 * await channel.push('new_msg', { body: 'hi' }, { timeout: 5_000 })
 * ```
 */
export interface PushOptions {
  /** ms until the push fails with `timeout`; default `pushTimeoutMs`. */
  timeout?: number
  /**
   * The server sends no reply (like Phoenix's typing relay): the push settles with
   * `undefined` once it is written, instead of timing out. It still fails with `timeout`
   * if it cannot be sent in time.
   */
  noReply?: boolean
}

/**
 * What a channel needs from its client.
 *
 * @example
 * ```ts
 * const host: ChannelHost = { options, notify, open: () => false, connect, send, push, listen, report }
 * ```
 */
export interface ChannelHost {
  options: ResolvedOptions
  /** The client's notify manager: features schedule their store updates on it. */
  notify: NotifyManager
  /** Whether the client has seen the socket open (and not close since). */
  open(): boolean
  /** Connects unless the client was started already (lazy connect). */
  connect(): void
  send(command: Exclude<CommandInit, { type: 'PushMessage' }>): void
  push(init: PushInit): Promise<unknown>
  /** Routes the events of this topic, and every socket event, to `handler`, in the notify flush. */
  listen(topic: string, handler: (event: ConnectionEvent) => void): void
  /** Adds an event of the client's own (a feature's) to the inspect stream. */
  report(event: EventInit): void
}

/**
 * What a feature module hooks into its channel (see `defineFeature`); every hook is
 * optional and runs inside the notify flush.
 *
 * @example
 * ```ts
 * const hooks: ChannelHooks = { joined: (response) => console.log('joined', response) }
 * ```
 */
export interface ChannelHooks {
  /** Fields added to the join payload, evaluated before every join and rejoin. */
  params?(): Record<string, unknown>
  /** A join is being sent (the first one, or a rejoin after a reconnect or an error). */
  joining?(): void
  /** The server accepted a join; its reply's response. */
  joined?(response: unknown): void
  /** Sees every message before `on()` listeners do; returning `false` drops it. */
  message?(event: string, payload: unknown): boolean | undefined
  /** The channel stopped: our leave completed, the server closed it, or refused it for good. */
  stopped?(): void
}

/**
 * A channel's host and hooks, for the feature modules of this package; not exported from
 * the package index, so `Channel` gains no public surface for it.
 *
 * @example
 * ```ts
 * const { host, hooks } = channelInternals(channel)
 * ```
 */
export let channelInternals: (channel: Channel) => { host: ChannelHost; hooks: Set<ChannelHooks> }

/**
 * Gets every server event of a channel, with its name (`channel.onMessage`).
 *
 * @example
 * ```ts
 * const log: MessageListener = (event, payload) => console.log(event, payload)
 * room.onMessage(log)
 * ```
 */
export type MessageListener = (event: string, payload: unknown) => void

type Message = { event: string; payload: unknown }

/**
 * One topic on the socket. Get it with `client.channel(topic)`: the same topic gives the
 * same Channel.
 *
 * Lifecycle: the first subscriber to `$state` (or `join()`) joins; the last one leaving
 * (or the matching `leave()`) leaves. Subscribers leave after nanostores' 1 s unmount
 * delay, which is the grace period that keeps one join through React StrictMode's double
 * mount and quick route changes. A joined channel rejoins after every reconnect; a refused
 * or crashed one rejoins with backoff, unless the reason is fatal (`fatalJoinReasons`).
 * A channel the server closed stays closed until `join()` is called again.
 *
 * @example
 * ```ts
 * const room = client.channel('room:42', { params: { nick: 'ann' } })
 * const off = room.on('new_msg', (msg) => console.log(msg))
 * room.$state.subscribe((s) => console.log(s.status)) // joins
 * await room.push('new_msg', { body: 'hello' })
 * ```
 */
export class Channel {
  readonly topic: string
  readonly $state: ReadableAtom<ChannelState>
  #state = atom<ChannelState>({ status: 'closed' })
  #host: ChannelHost
  #params: ChannelOptions['params']
  #refs = 0
  #messages
  #backoff
  #retry: unknown
  #hooks: Set<ChannelHooks> = new Set()

  static {
    channelInternals = (channel) => ({ host: channel.#host, hooks: channel.#hooks })
  }

  constructor(topic: string, options: ChannelOptions, host: ChannelHost) {
    this.topic = topic
    this.$state = this.#state
    this.#params = options.params
    this.#host = host
    this.#messages = createListeners<Message>(host.options.logger)
    this.#backoff = createBackoff(host.options.reconnect)
    host.listen(topic, (event) => this.#handle(event))
    onMount(this.#state, () => {
      this.join()
      return () => this.leave()
    })
  }

  /** Adds a reference; the first one joins (so does any after the channel stopped). */
  join(): void {
    if (this.#refs++ && !this.#stopped()) return
    this.#backoff.reset()
    this.#host.connect()
    this.#rejoin()
  }

  /** Drops a reference; the last one leaves. Extra calls do nothing. */
  leave(): void {
    if (!this.#refs || --this.#refs) return
    this.#host.options.timers.clearTimeout(this.#retry)
    const stopped = this.#stopped()
    this.#set(stopped ? 'closed' : 'leaving')
    if (!stopped) this.#host.send({ type: 'LeaveChannel', topic: this.topic })
  }

  /**
   * Listens to one server event on this channel; returns an unsubscribe. Callbacks run in
   * the notify flush, so store updates they make are batched.
   */
  on<T = unknown>(event: string, callback: (payload: T) => void): () => void {
    return this.#messages.add((m) => m.event === event && callback(m.payload as T))
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
   * (`error`, `timeout`, `channel_closed`, `rate_limited`, `buffer_full`). Pushes made
   * before the join completes wait in the outbound buffer and time out if never sent.
   */
  push<T = unknown>(event: string, payload: unknown = {}, options: PushOptions = {}): Promise<T> {
    const { timeout = this.#host.options.pushTimeoutMs, noReply } = options
    const { topic } = this
    return (
      !this.#refs || this.#stopped()
        ? Promise.reject(new PushError('channel_closed', { topic, event }))
        : this.#host.push({ topic, event, payload, timeoutMs: timeout, noReply })
    ) as Promise<T>
  }

  #handle(e: ConnectionEvent): void {
    const { type } = e
    if (type === 'MessageReceived') {
      for (const h of this.#hooks) {
        // A feature that throws must not take the message from the others, or the flush.
        try {
          if (h.message?.(e.event, e.payload) === false) return
        } catch (error) {
          this.#host.options.logger.error('wirestate: a listener threw', error)
        }
      }
      this.#messages.emit(e)
    } else if (type === 'ChannelLeft') {
      if (this.#state.value?.status === 'leaving') this.#set('closed')
    }
    // Events can still arrive for a join given up in the same flush (left, or stopped).
    else if (!this.#refs || this.#stopped()) return
    else if (type === 'SocketOpened' || type === 'SocketClosed') this.#rejoin()
    else if (type === 'ChannelJoined') {
      this.#backoff.reset()
      this.#set('joined')
      for (const h of this.#hooks) h.joined?.(e.response)
    } else if (type === 'ChannelClosed') {
      this.#host.options.timers.clearTimeout(this.#retry)
      this.#state.set({ status: 'closed', reason: 'server' })
      this.#stop()
    } else if (type === 'ChannelErrored') this.#errored('error')
    else if (type === 'ChannelJoinRejected') this.#errored(e.reason)
    else if (type === 'RateLimited' && e.command === 'JoinChannel') this.#errored('rate_limited')
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

  #errored(reason: string): void {
    const { fatalJoinReasons, timers } = this.#host.options
    const fatal = fatalJoinReasons.includes(reason)
    this.#state.set({ status: 'errored', reason, fatal })
    // A fatal refusal leaves, which fails the pushes still waiting for this join.
    if (fatal) {
      this.#host.send({ type: 'LeaveChannel', topic: this.topic })
      this.#stop()
    } else if (this.#host.open())
      this.#retry = timers.setTimeout(() => this.#rejoin(), this.#backoff.next())
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
