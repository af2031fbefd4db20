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
  /** Connects unless the client was started already (lazy connect). */
  connect(): void
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
export type MessageListener = (event: string, payload: unknown) => void
