import { atom, onMount, type ReadableAtom } from 'nanostores'
import { createBackoff } from './backoff.ts'
import type { CommandInit } from './commands.ts'
import type { ConnectionEvent } from './events.ts'
import { createListeners } from './listeners.ts'
import type { ResolvedOptions } from './options.ts'
import { PushError } from './push.ts'

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
}

/**
 * What a channel needs from its client.
 *
 * @example
 * ```ts
 * const host: ChannelHost = { options, open: () => false, connect, send, push, listen }
 * ```
 */
export interface ChannelHost {
  options: ResolvedOptions
  /** Whether the client has seen the socket open (and not close since). */
  open(): boolean
  /** Connects unless the client was started already (lazy connect). */
  connect(): void
  send(command: CommandInit): void
  push(topic: string, event: string, payload: unknown, timeoutMs: number): Promise<unknown>
  /** Every connection event, inside the notify flush. */
  listen(listener: (event: ConnectionEvent) => void): void
}

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

  constructor(topic: string, options: ChannelOptions, host: ChannelHost) {
    this.topic = topic
    this.$state = this.#state
    this.#params = options.params
    this.#host = host
    this.#messages = createListeners<Message>(host.options.logger)
    this.#backoff = createBackoff(host.options.reconnect)
    host.listen((event) => {
      if (!('topic' in event) || event.topic === topic) this.#handle(event)
    })
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
   * Sends an event; settles exactly once with the reply, or rejects with a `PushError`
   * (`error`, `timeout`, `channel_closed`, `rate_limited`, `buffer_full`). Pushes made
   * before the join completes wait in the outbound buffer and time out if never sent.
   */
  push<T = unknown>(event: string, payload: unknown = {}, options: PushOptions = {}): Promise<T> {
    const { timeout = this.#host.options.pushTimeoutMs } = options
    return (
      !this.#refs || this.#stopped()
        ? Promise.reject(new PushError('channel_closed'))
        : this.#host.push(this.topic, event, payload, timeout)
    ) as Promise<T>
  }

  #handle(e: ConnectionEvent): void {
    const { type } = e
    if (type === 'MessageReceived') this.#messages.emit(e)
    else if (type === 'ChannelLeft') {
      if (this.#state.value?.status === 'leaving') this.#set('closed')
    }
    // Events can still arrive for a join given up in the same flush (left, or stopped).
    else if (!this.#refs || this.#stopped()) return
    else if (type === 'SocketOpened' || type === 'SocketClosed') this.#rejoin()
    else if (type === 'ChannelJoined') {
      this.#backoff.reset()
      this.#set('joined')
    } else if (type === 'ChannelClosed') {
      this.#host.options.timers.clearTimeout(this.#retry)
      this.#state.set({ status: 'closed', reason: 'server' })
    } else if (type === 'ChannelErrored') this.#errored('error')
    else if (type === 'ChannelJoinRejected') this.#errored(e.reason)
    else if (type === 'RateLimited') this.#errored('rate_limited')
  }

  /** Joins now if the socket is open; otherwise the next SocketOpened does. */
  #rejoin(): void {
    this.#host.options.timers.clearTimeout(this.#retry)
    this.#set('joining')
    if (!this.#host.open()) return
    const params = this.#params
    const payload = typeof params === 'function' ? params() : (params ?? {})
    this.#host.send({ type: 'JoinChannel', topic: this.topic, payload })
  }

  #errored(reason: string): void {
    const { fatalJoinReasons, timers } = this.#host.options
    const fatal = fatalJoinReasons.includes(reason)
    this.#state.set({ status: 'errored', reason, fatal })
    // A fatal refusal leaves, which fails the pushes still waiting for this join.
    if (fatal) this.#host.send({ type: 'LeaveChannel', topic: this.topic })
    else if (this.#host.open())
      this.#retry = timers.setTimeout(() => this.#rejoin(), this.#backoff.next())
  }

  #set(status: 'closed' | 'joining' | 'joined' | 'leaving'): void {
    this.#state.set({ status })
  }

  // Not `$state.get()`: reading an unsubscribed atom that way mounts it, which would join.
  #stopped(): boolean {
    const s = this.#state.value as ChannelState
    return s.status === 'closed' || (s.status === 'errored' && s.fatal)
  }
}
