import type { Frame } from './message.ts'

/**
 * What the connection asks a protocol to put on the wire.
 *
 * @example
 * ```ts
 * adapter.encode({ type: 'join', topic: 'room:1', joinRef: '1', payload: {} })
 * ```
 */
export type Outbound =
  | { type: 'join'; topic: string; joinRef: string; payload: unknown }
  | { type: 'leave'; topic: string; joinRef: string; ref: string }
  | { type: 'push'; topic: string; joinRef: string; ref: string; event: string; payload: unknown }
  | { type: 'heartbeat'; ref: string }

/**
 * What a protocol understood from one frame. `invalid` is a frame that is
 * malformed or that this protocol does not know; the connection drops it and
 * reports it as a `FrameRejected` event.
 *
 * @example
 * ```ts
 * const inbound = adapter.decode(frame)
 * if (inbound.type === 'reply') settle(inbound.ref, inbound.status, inbound.response)
 * ```
 */
export type Inbound =
  | {
      type: 'reply'
      topic: string
      joinRef: string | null
      ref: string
      status: 'ok' | 'error'
      response: unknown
    }
  | { type: 'heartbeatReply'; ref: string; status: 'ok' | 'error' }
  | { type: 'message'; topic: string; joinRef: string | null; event: string; payload: unknown }
  | { type: 'channelErrored'; topic: string; joinRef: string | null }
  | { type: 'channelClosed'; topic: string; joinRef: string | null }
  | { type: 'invalid'; reason: string }

/**
 * Option defaults a protocol may prefer over the library's; the options given to
 * `createClient` still win.
 *
 * @example
 * ```ts
 * const defaults: ProtocolDefaults = { heartbeatIntervalMs: 30_000 }
 * ```
 */
export interface ProtocolDefaults {
  heartbeatIntervalMs?: number
  heartbeatTimeoutMs?: number
  pushTimeoutMs?: number
}

/**
 * A wire format. The default is Phoenix Channels v2 (`phoenixV2`); write your own
 * to speak to another server while keeping channels, features and bindings.
 *
 * @example
 * ```ts
 * const client = createClient({ url, protocol: phoenixV2 })
 * ```
 */
export interface ProtocolAdapter {
  /** A short name for logs and devtools. */
  readonly name: string
  /** Query parameters the protocol needs on the socket URL (e.g. `vsn`). */
  readonly urlParams: Readonly<Record<string, string>>
  readonly defaults: ProtocolDefaults
  encode(outbound: Outbound): Frame
  /** Must not throw: anything it cannot understand is `{ type: 'invalid' }`. */
  decode(frame: Frame): Inbound
}
