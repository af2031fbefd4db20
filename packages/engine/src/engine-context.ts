import type { Broker } from './broker/broker.ts'
import type { RouteTable } from './channel/router.ts'
import type { TopicFanout } from './fanout/topic-fanout.ts'
import type { Limits } from './limits.ts'
import type { Logger } from './logger.ts'
import type { EngineObserver } from './observer.ts'

/**
 * What every connection and join of one engine shares.
 *
 * @example
 * ```ts
 * const context: EngineContext = { broker, fanout, router, limits, logger, observer, presenceRef, describeUser, handlersHeld, broadcast }
 * ```
 */
export interface EngineContext<User = unknown> {
  readonly broker: Broker
  readonly fanout: TopicFanout
  readonly router: RouteTable<User>
  readonly limits: Readonly<Limits>
  readonly logger: Logger
  readonly observer: EngineObserver
  /** A fresh `phx_ref` for a presence meta. */
  readonly presenceRef: () => string
  readonly describeUser: (user: User) => string | undefined
  /** While handlers are paused (`Engine.pauseHandlers`), what resolves when they resume. */
  readonly handlersHeld: () => Promise<void> | null
  /** See `broadcastTo`. */
  broadcast(
    topic: string,
    event: string,
    payload: unknown,
    from: string | null,
  ): Promise<string | null>
}
