import type { IncomingMessage } from 'node:http'
import { WIRE } from '@wirestate/core/protocol'
import type { Logger } from '@wirestate/engine'
import type { ServerOptions } from '../server-options.ts'

/**
 * The verdict on an upgrade request: a user to connect, or an HTTP refusal.
 *
 * @example
 * ```ts
 * const verdict: Handshake<string> = { ok: false, status: 403, reason: 'forbidden' }
 * ```
 */
export type Handshake<User> =
  | { ok: true; user: User }
  | {
      ok: false
      status: 400 | 403 | 500
      reason: string
      /**
       * The client asked for refusals as a close (`refusal=close`) and the server closes
       * refusals: accept the upgrade and close with this code instead of answering HTTP.
       */
      closeCode?: number
    }

/**
 * The close code of each refusal, for clients that ask for one: 4000 + the HTTP status,
 * except a refused login, 4401 (unauthorized), and an internal error, 1011.
 */
const CLOSE_CODES = { 400: 4400, 403: 4403, 500: 1011 } as const

/**
 * Checks an upgrade request on the socket path: the protocol version (only
 * `vsn=2.0.0`), the origin allowlist, then `authenticate`. Never throws. The
 * params are handed to `authenticate` and to nothing else (they may hold tokens).
 *
 * A refusal is an HTTP status, as Phoenix answers (so phoenix.js behaves as against
 * Phoenix); a client that asks with `refusal=close` gets a `closeCode` instead, since a
 * browser cannot read an HTTP refusal (docs/protocol.md, "Refused connections").
 *
 * @example
 * ```ts
 * const verdict = await checkHandshake(request, url, options, logger)
 * if (!verdict.ok) refuse(socket, verdict.status, verdict.reason)
 * ```
 */
export async function checkHandshake<User>(
  request: IncomingMessage,
  url: URL,
  options: ServerOptions<User>,
  logger: Logger,
): Promise<Handshake<User>> {
  const verdict = await judge(request, url, options, logger)
  const asked = url.searchParams.get(WIRE.refusalParam) === WIRE.refusalClose
  if (verdict.ok || !asked || options.closeRefusals === false) return verdict
  const closeCode = verdict.reason === 'forbidden' ? 4401 : CLOSE_CODES[verdict.status]
  return { ...verdict, reason: closeCode === 4401 ? 'unauthorized' : verdict.reason, closeCode }
}

async function judge<User>(
  request: IncomingMessage,
  url: URL,
  options: ServerOptions<User>,
  logger: Logger,
): Promise<Handshake<User>> {
  const params = Object.fromEntries(url.searchParams)
  if (params.vsn !== WIRE.vsn) {
    const reason = `unsupported vsn ${JSON.stringify(params.vsn ?? null)}: this server speaks Phoenix Channels v2, connect with vsn=2.0.0`
    return { ok: false, status: 400, reason }
  }
  if (!originAllowed(request, options.origins))
    return { ok: false, status: 403, reason: 'origin not allowed' }
  if (!options.authenticate) return { ok: true, user: null as User }
  try {
    const user = await options.authenticate(params, request)
    if (user === null || user === false || user === undefined) {
      return { ok: false, status: 403, reason: 'forbidden' }
    }
    return { ok: true, user }
  } catch (error) {
    logger.error('authenticate threw; answered 500', { error: String(error) })
    return { ok: false, status: 500, reason: 'internal error' }
  }
}

function originAllowed(request: IncomingMessage, origins: ServerOptions['origins']): boolean {
  const origin = request.headers.origin
  if (origins === undefined || origin === undefined) return true
  return typeof origins === 'function' ? origins(origin, request) : origins.includes(origin)
}
