// Stream topics' own event (a wirestate addition; see docs/protocol.md "stream_gap").

/** The server lost stream entries a joined member may not have: reload, forget the last id. */
export const STREAM_GAP = 'stream_gap'

/**
 * The payload of `stream_gap`: the same word a rejoin's reply would give.
 *
 * @example
 * ```ts
 * const payload: StreamGapPayload = { recovered: false }
 * ```
 */
export interface StreamGapPayload {
  readonly recovered: false
}
