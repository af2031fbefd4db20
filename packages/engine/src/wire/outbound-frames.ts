import { encodeFrame, type Frame, WIRE } from '@wirestate/core/protocol'
import type { Reply } from '../channel/reply.ts'

/**
 * A frame the server sends: text, or binary (`Uint8Array` / `ArrayBuffer`).
 *
 * @example
 * ```ts
 * const frame: OutboundFrame = replyFrame('1', '2', 'room:1', replyOk())
 * ```
 */
export type OutboundFrame = Frame | Uint8Array<ArrayBuffer>

/**
 * `phx_reply` to a join or push. Phoenix puts `response` before `status`.
 *
 * @example
 * ```ts
 * replyFrame('5', '6', 'room:lobby', replyOk({ id: 1 }))
 * // '["5","6","room:lobby","phx_reply",{"response":{"id":1},"status":"ok"}]'
 * ```
 */
export function replyFrame(
  joinRef: string | null,
  ref: string | null,
  topic: string,
  reply: Reply,
): OutboundFrame {
  const payload = { response: reply.response, status: reply.status }
  return encodeFrame({ joinRef, ref, topic, event: WIRE.reply, payload })
}

/**
 * An event pushed to one member: it carries the member's join_ref and no ref.
 *
 * @example
 * ```ts
 * pushFrame('5', 'room:lobby', 'presence_state', {}) // '["5",null,"room:lobby","presence_state",{}]'
 * ```
 */
export function pushFrame(
  joinRef: string | null,
  topic: string,
  event: string,
  payload: unknown,
): OutboundFrame {
  // 'server': a binary push from a server has no ref field (phoenix.js decodePush).
  return encodeFrame({ joinRef, ref: null, topic, event, payload }, 'server')
}

/**
 * An event for every member of a topic: no join_ref, no ref. Encoded once per
 * broadcast and per node, whatever the number of members.
 *
 * @example
 * ```ts
 * broadcastFrame('room:1', 'new_msg', { body: 'hi' }) // '[null,null,"room:1","new_msg",{"body":"hi"}]'
 * ```
 */
export function broadcastFrame(topic: string, event: string, payload: unknown): OutboundFrame {
  return encodeFrame({ joinRef: null, ref: null, topic, event, payload })
}

/**
 * `phx_close`: the join identified by `joinRef` is over (ref = join_ref, as Phoenix).
 *
 * @example
 * ```ts
 * closeFrame('5', 'room:lobby') // '["5","5","room:lobby","phx_close",{}]'
 * ```
 */
export function closeFrame(joinRef: string | null, topic: string): OutboundFrame {
  return encodeFrame({ joinRef, ref: joinRef, topic, event: WIRE.close, payload: {} })
}

/**
 * `phx_error`: the join crashed (ref = join_ref, as Phoenix).
 *
 * @example
 * ```ts
 * errorFrame('5', 'room:extras') // '["5","5","room:extras","phx_error",{}]'
 * ```
 */
export function errorFrame(joinRef: string | null, topic: string): OutboundFrame {
  return encodeFrame({ joinRef, ref: joinRef, topic, event: WIRE.error, payload: {} })
}
