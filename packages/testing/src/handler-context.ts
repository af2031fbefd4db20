import type { DeferredReply } from '@wirestate/engine'
import type { JoinResult, PushResult } from './reply.ts'

/**
 * A client connection as tests see it. `params` are the socket URL's query parameters
 * (the client's connect params plus `vsn`); `topics` are the ones joined right now.
 *
 * @example
 * ```ts
 * expect(server.connections.map((c) => c.status)).toEqual(['closed', 'open'])
 * expect(server.connections[0]?.params.token).toBe('t0k3n')
 * ```
 */
export interface ConnectionInfo {
  id: number
  url: string
  params: Record<string, string>
  status: 'open' | 'closed' | 'refused'
  topics: string[]
}

/**
 * What a join handler gets besides the join payload.
 *
 * @example
 * ```ts
 * server.onJoin('room:*', (payload, ctx) => {
 *   ctx.track(ctx.connection.params.user ?? 'anon') // the joiner shows up in presence
 *   return { ok: { room: ctx.wildcards[0] } }
 * })
 * ```
 */
export interface JoinContext {
  topic: string
  /** What the pattern's `*` stood for (`room:*` on `room:42` gives `['42']`). */
  wildcards: string[]
  connection: ConnectionInfo
  /**
   * Tracks the joiner's own presence under `key` once the join is ok, as a presence
   * route on the real server does: the joiner's `presence_diff` goes to everyone, then
   * `presence_state` to the joiner; the meta leaves when the join ends. `meta` defaults
   * to the join payload's `presence` object.
   */
  track(key: string, meta?: Record<string, unknown>): void
}

/**
 * Decides a join: `{ ok: response }`, `{ error: response }`, `{ noreply: true }`, or
 * nothing (ok, `{}`); may be async. Throwing answers `{ reason: 'join crashed' }` and is
 * recorded in `server.errors`.
 *
 * @example
 * ```ts
 * const handler: JoinHandler<{ token?: string }> = (payload) =>
 *   payload.token ? undefined : { error: { reason: 'unauthorized' } }
 * ```
 */
export type JoinHandler<Payload = unknown> = (
  payload: Payload,
  context: JoinContext,
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that only calls `track` returns nothing
) => JoinResult | void | Promise<JoinResult | void>

/**
 * What a push handler gets besides the push payload.
 *
 * @example
 * ```ts
 * server.onPush('room:*', 'new_msg', (msg, ctx) => {
 *   ctx.broadcast('new_msg', { ...msg, user: ctx.connection.params.user })
 *   return { ok: {} }
 * })
 * ```
 */
export interface PushContext {
  topic: string
  event: string
  wildcards: string[]
  connection: ConnectionInfo
  /** Sends an event to the pushing member only (with its join_ref). */
  push(event: string, payload: unknown): void
  /**
   * Sends an event to every member of the topic, the pusher included, as the server's
   * `channel.broadcast`: on a stream topic it is stored and gets an `id`. A failure (a
   * stream payload that is not an object) is recorded in `server.errors`.
   */
  broadcast(event: string, payload: unknown): void
  /** Sends an event to every member of the topic but the pusher (Phoenix's `broadcast_from`). */
  broadcastFrom(event: string, payload: unknown): void
  /**
   * Answers later without holding up this join's next pushes (Phoenix's `{:noreply}`
   * then `reply/2`): what the handler returns is then ignored, and the push is answered
   * by `ok(response)` or `error(response)` on the handle.
   */
  deferReply(): DeferredReply
}

/**
 * Answers a push: `{ ok: response }`, `{ error: response }`, or nothing (no reply, so
 * the client's push times out); may be async. Throwing crashes the join (`phx_error`),
 * as on the real server, and is recorded in `server.errors`.
 *
 * @example
 * ```ts
 * const handler: PushHandler<{ body: string }> = async ({ body }) => ({ ok: { length: body.length } })
 * ```
 */
export type PushHandler<Payload = unknown> = (
  payload: Payload,
  context: PushContext,
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that only broadcasts returns nothing
) => PushResult | void | Promise<PushResult | void>
