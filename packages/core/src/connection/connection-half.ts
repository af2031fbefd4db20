import type { CommandInit } from '../commands.ts'
import type { ConnectionStatus, EventInit } from '../events.ts'
import type { InspectListener } from '../inspector.ts'
import type { PushInit } from './push.ts'

/**
 * What the client needs of its connection half: commands in, a push's promise back, the
 * status, and the inspect stream. `Connection` is the one that owns a socket;
 * `@wirestate/core/shared` has one that talks to a socket shared by the browser's tabs.
 *
 * @example
 * ```ts
 * const half: ConnectionHalf = new Connection(resolveOptions({ url }), listener)
 * half.send({ type: 'OpenSocket' })
 * ```
 */
export interface ConnectionHalf {
  send(command: Exclude<CommandInit, { type: 'PushMessage' }>): void
  push(init: PushInit): Promise<unknown>
  readonly status: ConnectionStatus
  inspect(listener: InspectListener): () => void
  report(init: EventInit): void
}

/**
 * Makes a client's connection half (the `connection` option of `createClient`): given the
 * client's resolved options and the listener every event goes to, in order (a push's
 * outcome with the `deliver` that settles its promise).
 *
 * @example
 * ```ts
 * import { sharedConnection } from '@wirestate/core/shared'
 *
 * const connection: ConnectionFactory<ResolvedOptions> = sharedConnection()
 * createClient({ url, connection })
 * ```
 */
export type ConnectionFactory<Options = unknown> = (
  options: Options,
  listener: (event: EventInit, deliver?: () => void) => void,
) => ConnectionHalf
