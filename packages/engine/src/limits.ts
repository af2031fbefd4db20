/**
 * Protection against abusive or broken clients. Every field has a default.
 *
 * @example
 * ```ts
 * const limits: Partial<Limits> = { maxFrameBytes: 16 * 1024, ratePerSecond: 20 }
 * ```
 */
export interface Limits {
  /**
   * Largest frame a client may send; larger ones close the socket with 1009. Default
   * 1 MiB: a 64 KiB payload takes at most 384 KiB as JSON text (6 bytes per byte when
   * every byte is escaped as `\u00XX`) plus the envelope, so it passes with room to
   * spare, while one frame still cannot make the server parse megabytes. Phoenix has
   * no limit by default. Enforced by the transport (`ws`'s `maxPayload`).
   */
  maxFrameBytes: number
  /** Topics one connection may have joined at once; more are refused. Default 100. */
  maxTopicsPerConnection: number
  /**
   * Pushes per second a connection may send, on average (token bucket). Joins, leaves
   * and heartbeats are not counted. Default 100.
   */
  ratePerSecond: number
  /** Pushes a connection may send in a burst: 200 in a row pass. Default 200. */
  rateBurst: number
  /** Bytes waiting to be sent to one client before it counts as too slow and is dropped. Default 1 MiB. */
  maxBufferedBytes: number
  /**
   * Bytes waiting for all clients of the process together over which reads from
   * clients pause (publishers stop being read), until under half of it. Default 16 MiB.
   * Enforced by the transport (`@wirestate/server`); see its README, "Fan-out".
   */
  highWaterBytes: number
  /**
   * The longest reads stay paused over `highWaterBytes`: then the clients furthest
   * behind are cut as slow consumers, largest backlog first, until under half of it.
   * Default 5 s. Enforced by the transport, as `highWaterBytes`.
   */
  maxPauseMs: number
  /** Pushes waiting for one join's handlers; more get `{"reason":"overloaded"}`. Default 100. */
  maxQueuedEvents: number
  /**
   * A connection that sends nothing (not even a heartbeat) for this long is cut, so
   * a peer that vanished without closing does not linger in presence. Default
   * 60 s, as Phoenix; clients heartbeat every 30 s.
   */
  idleTimeoutMs: number
}

/**
 * The default limits.
 *
 * @example
 * ```ts
 * createServer({ limits: { ...DEFAULT_LIMITS, ratePerSecond: 10 } })
 * ```
 */
export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxFrameBytes: 1024 * 1024,
  maxTopicsPerConnection: 100,
  ratePerSecond: 100,
  rateBurst: 200,
  maxBufferedBytes: 1024 * 1024,
  highWaterBytes: 16 * 1024 * 1024,
  maxPauseMs: 5000,
  maxQueuedEvents: 100,
  idleTimeoutMs: 60_000,
}
