import type { ResolvedOptions } from '../options.ts'

/**
 * Heartbeats on an open socket.
 *
 * @example
 * ```ts
 * socket.onopen = () => heartbeat.start()
 * socket.onclose = () => heartbeat.stop()
 * ```
 */
export interface Heartbeat {
  start(): void
  stop(): void
  /** Sends a heartbeat now, unless one is already waiting for its reply. */
  beat(): void
  /** Takes a heartbeat reply; replies to other refs are ignored. */
  reply(ref: string): void
}

/**
 * Creates the heartbeat (Phoenix: topic `phoenix`). One goes out every
 * `heartbeatIntervalMs`; if its reply is not back within `heartbeatTimeoutMs`, the socket
 * is taken for half-open (alive on our side, dead on the way) and `missed()` is called so
 * the connection closes it and reconnects. `send()` sends one and returns its ref; `replied`
 * gets the round trip in ms.
 *
 * @example
 * ```ts
 * const heartbeat = createHeartbeat(options, sendHeartbeat, reconnect, () => backoff.reset())
 * ```
 */
export function createHeartbeat(
  o: Pick<ResolvedOptions, 'timers' | 'heartbeatIntervalMs' | 'heartbeatTimeoutMs'>,
  send: () => string,
  missed: () => void,
  replied: (latencyMs: number) => void,
): Heartbeat {
  const { setTimeout: later, clearTimeout: cancel } = o.timers
  let tick: unknown
  let timeout: unknown
  let pending: string | undefined
  let sentAt = 0
  const stop = () => {
    cancel(tick)
    cancel(timeout)
    pending = undefined
  }
  const beat = () => {
    if (pending) return
    pending = send()
    sentAt = o.timers.now()
    timeout = later(() => {
      stop()
      missed()
    }, o.heartbeatTimeoutMs)
  }
  const start = () => {
    cancel(tick)
    tick = later(() => {
      beat()
      start()
    }, o.heartbeatIntervalMs)
  }
  const reply = (ref: string) => {
    if (ref !== pending) return
    cancel(timeout)
    pending = undefined
    replied(o.timers.now() - sentAt)
  }
  return { start, stop, beat, reply }
}
