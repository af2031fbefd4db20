import type { Broker } from './broker/broker.ts'
import type { Router } from './channel/router.ts'
import type { TopicFanout } from './fanout/topic-fanout.ts'
import type { Logger } from './logger.ts'
import type { Limits } from './server-options.ts'

/**
 * What every connection and join of one server shares.
 *
 * @example
 * ```ts
 * const context: ServerContext = { broker, fanout, router, limits, logger, describeUser, broadcast }
 * ```
 */
export interface ServerContext<User = unknown> {
  readonly broker: Broker
  readonly fanout: TopicFanout
  readonly router: Router<User>
  readonly limits: Readonly<Limits>
  readonly logger: Logger
  readonly describeUser: (user: User) => string | undefined
  /** See `broadcastTo`. */
  broadcast(
    topic: string,
    event: string,
    payload: unknown,
    from: string | null,
  ): Promise<string | null>
}
