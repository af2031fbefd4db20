import type { ChannelErrorCode, PushErrorCode } from './codes.ts'
import type { ConnectionStatus } from './events.ts'

/** The reason a server put in its response (`{ reason: 'invalid message' }`), if any. */
export function reasonOf(response: unknown): string | undefined {
  const reason = (response as { reason?: unknown } | null | undefined)?.reason
  return typeof reason === 'string' ? reason : undefined
}

/** Every error message of the client has one shape: `what: code (detail)`. */
function describe(what: string, code: string, detail?: string): string {
  return `${what}: ${code}${detail ? ` (${detail})` : ''}`
}

/**
 * Why a push was rejected: `code` is one of `PushErrorCode`; `reason` is the server's
 * (for `error`) or the join's (for `join_refused`), and `response` what it sent whole.
 * The message names all of it: `push "new_msg" on room:1 failed: error (invalid message)`.
 *
 * @example
 * ```ts
 * channel.push('new_msg', { body }).catch((e: PushError) => {
 *   if (e.code === 'error') form.showError(e.reason)
 * })
 * ```
 */
export class PushError extends Error {
  readonly code: PushErrorCode
  readonly topic: string
  readonly event: string
  readonly reason: string | undefined
  readonly response: unknown

  constructor(
    code: PushErrorCode,
    push: { topic: string; event: string },
    response?: unknown,
    reason: string | undefined = reasonOf(response),
  ) {
    super(describe(`push "${push.event}" on ${push.topic} failed`, code, reason))
    this.name = 'PushError'
    this.code = code
    this.topic = push.topic
    this.event = push.event
    this.reason = reason
    this.response = response
  }
}

/**
 * Why a push cannot go on a channel in `state` that is not held: its join was refused for
 * good (`join_refused`), or it is not joined (`channel_closed`).
 *
 * @example
 * ```ts
 * pushRefusal({ status: 'closed', reason: 'server' }, { topic, event }).reason // 'closed by the server'
 * ```
 */
export function pushRefusal(
  state: { status: string; reason?: string; response?: unknown },
  push: { topic: string; event: string },
): PushError {
  if (state.status === 'errored') {
    return new PushError('join_refused', push, state.response, state.reason)
  }
  const why = state.status === 'closed' && state.reason ? 'closed by the server' : 'not joined'
  return new PushError('channel_closed', push, undefined, why)
}

/**
 * Why waiting on a channel failed (`join()`, `once()`): `refused` (the join was refused
 * for good; `response` is the server's whole refusal), `timeout` (the wait's own timeout),
 * `closed` (the channel or the client stopped first; `reason` says which).
 *
 * @example
 * ```ts
 * try { await room.join({ timeout: 5_000 }) }
 * catch (e) { if (e instanceof ChannelError && e.code === 'refused') showError(e.reason) }
 * ```
 */
export class ChannelError extends Error {
  readonly code: ChannelErrorCode
  readonly topic: string
  readonly reason: string | undefined
  readonly response: unknown

  constructor(code: ChannelErrorCode, topic: string, reason?: string, response?: unknown) {
    super(describe(`channel ${topic}`, code, reason))
    this.name = 'ChannelError'
    this.code = code
    this.topic = topic
    this.reason = reason
    this.response = response
  }
}

/**
 * Why `client.connect()` failed: the client stopped before connecting. `status` is the
 * `disconnected` status it stopped with (`reason`, and the close's `code` and `message`).
 *
 * @example
 * ```ts
 * try { await client.connect() }
 * catch (e) { if (e instanceof ConnectionError && e.status.reason === 'unauthorized') logIn() }
 * ```
 */
export class ConnectionError extends Error {
  readonly status: Extract<ConnectionStatus, { status: 'disconnected' }>

  constructor(status: Extract<ConnectionStatus, { status: 'disconnected' }>) {
    const { reason, code, message } = status
    const close = code === undefined ? undefined : `${code}${message ? ` ${message}` : ''}`
    super(describe('connection stopped', reason, close))
    this.name = 'ConnectionError'
    this.status = status
  }
}
