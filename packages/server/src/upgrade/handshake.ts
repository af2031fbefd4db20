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
  | { ok: false; status: 400 | 403 | 500; reason: string }

/**
 * Checks an upgrade request on the socket path: the protocol version (only
 * `vsn=2.0.0`), the origin allowlist, then `authenticate`. Never throws. The
 * params are handed to `authenticate` and to nothing else (they may hold tokens).
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
