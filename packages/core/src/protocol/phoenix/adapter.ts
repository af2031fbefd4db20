import type { Inbound, Outbound, ProtocolAdapter } from '../adapter.ts'
import type { Frame, Message } from '../message.ts'
import { encodeRequest, parseFrame } from './serializer.ts'
import {
  CLOSE,
  ERROR,
  HEARTBEAT,
  HEARTBEAT_TOPIC,
  JOIN,
  LEAVE,
  REFUSAL_CLOSE,
  REFUSAL_PARAM,
  REPLY,
  VSN,
} from './wire.ts'

/**
 * The Phoenix Channels v2 protocol (JSON serializer v2, plus binary payloads),
 * as spoken by Phoenix 1.7+ and by `@wirestate/server`. The default protocol.
 *
 * @example
 * ```ts
 * import { createClient, phoenixV2 } from '@wirestate/core'
 * const client = createClient({ url: 'ws://localhost:4000/socket', protocol: phoenixV2 })
 * ```
 */
export const phoenixV2: ProtocolAdapter = {
  name: 'phoenix-v2',
  // `refusal=close`: a refused connect comes back as a close code the client can read
  // (4401 unauthorized) where HTTP 403 reaches a browser as a bare 1006. Phoenix ignores it.
  urlParams: { vsn: VSN, [REFUSAL_PARAM]: REFUSAL_CLOSE },
  // phoenix.js: heartbeat every 30 s, pushes time out after 10 s.
  defaults: { heartbeatIntervalMs: 30_000, heartbeatTimeoutMs: 30_000, pushTimeoutMs: 10_000 },
  encode: (outbound) => encodeRequest(toMessage(outbound)),
  decode,
}

function toMessage(out: Outbound): Message {
  switch (out.type) {
    case 'join':
      return { ...out, ref: out.joinRef, event: JOIN }
    case 'leave':
      return { ...out, event: LEAVE, payload: {} }
    // A push has a message's fields already.
    case 'push':
      return out
    case 'heartbeat':
      return { joinRef: null, ref: out.ref, topic: HEARTBEAT_TOPIC, event: HEARTBEAT, payload: {} }
  }
}

// Frames go straight from their parsed fields to an Inbound: one object per frame.
function decode(frame: Frame): Inbound {
  const f = parseFrame(frame)
  return typeof f === 'string' ? { type: 'invalid', reason: f } : classify(...f)
}

/** What a frame's fields mean: a channel error or close, a message, or a (heartbeat) reply. */
function classify(
  joinRef: string | null,
  ref: string | null,
  topic: string,
  event: string,
  payload: unknown,
): Inbound {
  if (event === ERROR) return { type: 'channelErrored', topic, joinRef }
  if (event === CLOSE) return { type: 'channelClosed', topic, joinRef }
  if (event !== REPLY) return { type: 'message', topic, joinRef, event, payload }
  const p = payload as { status?: unknown; response?: unknown } | null
  if (ref === null) return { type: 'invalid', reason: 'reply without ref' }
  if (typeof p !== 'object' || p === null || (p.status !== 'ok' && p.status !== 'error')) {
    return { type: 'invalid', reason: 'bad reply status' }
  }
  if (topic === HEARTBEAT_TOPIC) return { type: 'heartbeatReply', ref, status: p.status }
  return { type: 'reply', topic, joinRef, ref, status: p.status, response: p.response ?? {} }
}
