import type { CommandInit } from './commands.ts'
import type { PushInit } from './connection/push.ts'
import type { EventInit } from './events.ts'
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
  /**
   * Wanted, but the client is not trying: `client.disconnect()` (or it stopped for good,
   * see `client.$status`). It rejoins when the client connects again.
   */
  | { status: 'disconnected' }
  | {
      status: 'errored'
      reason: string
      fatal: boolean
      /** The server's whole refusal (its join reply), when the server refused. */
      response?: unknown
    }

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
 * Options of `channel.join()`.
 *
 * @example
 * ```ts
 * await room.join({ timeout: 5_000 })
 * ```
 */
export interface JoinOptions {
  /**
   * ms to wait for the join; then the promise rejects (`ChannelError` `timeout`) and gives
   * its reference back. Default: no limit (the channel retries through outages).
   */
  timeout?: number
}

/**
 * Options of `channel.once()`.
 *
 * @example
 * ```ts
 * const ready = await room.once<{ id: string }>('job_done', { timeout: 30_000, filter: (p) => p.id === id })
 * ```
 */
export interface OnceOptions<T> {
  /** ms to wait; then the promise rejects (`ChannelError` `timeout`). Default: no limit. */
  timeout?: number
  /** Only an event whose payload passes counts. */
  filter?(payload: T): boolean
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
  /**
   * Connects unless the client was started already (lazy connect), and says where it
   * stands: `trying` (connecting or connected), `stopped` (after `disconnect()` or a stop,
   * until `connect()`), or `unable` (no WebSocket here: a server render).
   */
  connect(): 'trying' | 'stopped' | 'unable'
  send(command: Exclude<CommandInit, { type: 'PushMessage' }>): void
  push(init: PushInit): Promise<unknown>
  /** Routes the events of this topic, and every socket event, to `handler`, in the notify flush. */
  listen(topic: string, handler: (event: EventInit) => void): void
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
 * Gets every server event of a channel, with its name (`channel.onMessage`).
 *
 * @example
 * ```ts
 * const log: MessageListener = (event, payload) => console.log(event, payload)
 * room.onMessage(log)
 * ```
 */
export type MessageListener<E extends ChannelEvents = UnknownEvents> = (
  ...message: ReceivedMessage<E>
) => void

/**
 * A channel's event map: what the server sends (`receive`: event name → payload, for `on`
 * and `once`) and what we push (`push`: event name → `{ payload, reply }`, the reply being
 * the response `push()` resolves with). One map per channel:
 * `client.channel<RoomEvents>('room:42')`. A section left out stays untyped.
 *
 * @example
 * ```ts
 * interface RoomEvents {
 *   receive: { new_msg: { body: string; user: string }; user_left: { id: string } }
 *   push: { new_msg: { payload: { body: string }; reply: { id: string } } }
 * }
 * const room = client.channel<RoomEvents>('room:42')
 * room.on('new_msg', (msg) => msg.body) // msg: { body: string; user: string }
 * const { id } = await room.push('new_msg', { body: 'hi' })
 * ```
 */
export interface ChannelEvents {
  receive?: object
  push?: object
}

/**
 * The events of a channel created without a map: any name, payloads and replies `unknown`.
 *
 * @example
 * ```ts
 * const room: Channel<UnknownEvents> = client.channel('room:42')
 * ```
 */
export interface UnknownEvents {
  receive: Record<string, unknown>
  push: Record<string, { payload: unknown; reply: unknown }>
}

// A map without a section leaves that direction untyped (any name, `unknown` payloads).
type Section<E, S extends keyof ChannelEvents> = E extends Record<S, infer M> ? M : UnknownEvents[S]

/**
 * The names of the events the server sends on a channel with the event map `E`.
 *
 * @example
 * ```ts
 * const name: ReceivedEvent<RoomEvents> = 'new_msg'
 * ```
 */
export type ReceivedEvent<E> = keyof Section<E, 'receive'> & string

/**
 * The payload of the server event `K` on a channel with the event map `E`.
 *
 * @example
 * ```ts
 * const msg: Received<RoomEvents, 'new_msg'> = { body: 'hi', user: 'ann' }
 * ```
 */
export type Received<E, K extends string> = Section<E, 'receive'>[K & keyof Section<E, 'receive'>]

/**
 * Every server event of a channel as `[event, payload]` pairs (what `onMessage` gets).
 *
 * @example
 * ```ts
 * const message: ReceivedMessage<RoomEvents> = ['user_left', { id: 'bob' }]
 * ```
 */
export type ReceivedMessage<E> = {
  [K in ReceivedEvent<E>]: [event: K, payload: Received<E, K>]
}[ReceivedEvent<E>]

/**
 * The names of the events we push on a channel with the event map `E`.
 *
 * @example
 * ```ts
 * const name: PushedEvent<RoomEvents> = 'new_msg'
 * ```
 */
export type PushedEvent<E> = keyof Section<E, 'push'> & string

type Pushed<E, K extends string> = Section<E, 'push'>[K & keyof Section<E, 'push'>]

/**
 * The payload a push of `K` takes on a channel with the event map `E`.
 *
 * @example
 * ```ts
 * const payload: PushPayload<RoomEvents, 'new_msg'> = { body: 'hi' }
 * ```
 */
export type PushPayload<E, K extends string> =
  Pushed<E, K> extends { payload: infer P } ? P : undefined

/**
 * What a push of `K` resolves with (the reply's response) on a channel with the map `E`.
 *
 * @example
 * ```ts
 * const reply: PushReply<RoomEvents, 'new_msg'> = { id: '1-0' }
 * ```
 */
export type PushReply<E, K extends string> = Pushed<E, K> extends { reply: infer R } ? R : unknown

/**
 * The arguments of `push(event, ...)` after the event: the payload (optional when it may be
 * `undefined`) and the options.
 *
 * @example
 * ```ts
 * const args: PushArgs<RoomEvents, 'new_msg'> = [{ body: 'hi' }, { timeout: 5_000 }]
 * ```
 */
export type PushArgs<E, K extends string> =
  undefined extends PushPayload<E, K>
    ? [payload?: PushPayload<E, K>, options?: PushOptions]
    : [payload: PushPayload<E, K>, options?: PushOptions]
