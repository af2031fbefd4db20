import type { Command } from './commands.ts'
import type { ConnectionEvent } from './events.ts'
import type { Frame } from './protocol/message.ts'

/**
 * One entry of the inspect stream: every command, every event and every raw frame, in
 * the order they happened. Frames carry their direction, size in bytes and time.
 *
 * @example
 * ```ts
 * const off = client.inspect((entry) => {
 *   if (entry.kind === 'frame') console.log(entry.direction, entry.size, entry.time)
 *   else console.log(entry.kind, entry.kind === 'command' ? entry.command.type : entry.event.type)
 * })
 * ```
 */
export type InspectEntry =
  | { kind: 'command'; command: Command }
  | { kind: 'event'; event: ConnectionEvent }
  | { kind: 'frame'; direction: 'in' | 'out'; size: number; time: number; frame: Frame }

/**
 * A listener of the inspect stream; one that throws is logged and never silences the others.
 *
 * @example
 * ```ts
 * const log: InspectListener = (entry) => console.debug(entry)
 * client.inspect(log)
 * ```
 */
export type InspectListener = (entry: InspectEntry) => void

/**
 * The size in bytes of a frame, for the inspect stream only (so it is never computed
 * when nobody inspects).
 *
 * @example
 * ```ts
 * frameSize('héllo') // 6
 * ```
 */
export function frameSize(frame: Frame): number {
  return typeof frame === 'string' ? new TextEncoder().encode(frame).length : frame.byteLength
}

/**
 * The name of the global a devtools package sets, when imported, to hear of every client
 * created after it (as React DevTools' hook does), so it can record from the first command.
 * Core never imports devtools; without the global a client costs one property lookup.
 *
 * @example
 * ```ts
 * ;(globalThis as Record<string, unknown>)[INSPECT_HOOK] = { clientCreated: (c) => c.inspect(log) }
 * ```
 */
export const INSPECT_HOOK = '__WIRESTATE_INSPECT_HOOK__'

/**
 * What a devtools package puts at `globalThis[INSPECT_HOOK]`: each new client calls
 * `clientCreated` once, before it opens anything.
 *
 * @example
 * ```ts
 * const hook: InspectHook = { clientCreated: (client) => void client.inspect(record) }
 * ```
 */
export interface InspectHook {
  clientCreated(client: { inspect(listener: InspectListener): () => void }): void
}
