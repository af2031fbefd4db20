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
