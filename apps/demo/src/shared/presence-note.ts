import type { ConnectionStatus } from '@wirestate/core'

/**
 * What to say over the people list while it cannot be trusted: presence only changes
 * while connected, so during a reconnect (or after a stop) the list is the last one seen
 * and the people in it may have left. `undefined` while it is live.
 *
 * @example
 * ```ts
 * peopleNote({ status: 'reconnecting' }) // 'May be out of date: reconnecting…'
 * ```
 */
export function peopleNote(status: ConnectionStatus): string | undefined {
  if (status.status === 'reconnecting') return 'May be out of date: reconnecting…'
  if (status.status === 'disconnected') return 'May be out of date: disconnected.'
  return undefined // live, or still empty on the first connect
}
