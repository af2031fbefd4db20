/**
 * One protocol message, independent of how it is framed on the wire.
 *
 * `joinRef` ties a message to one join of a topic (so frames for an old join can
 * be told apart), `ref` ties a reply to the push that caused it. Broadcasts carry
 * neither.
 *
 * @example
 * ```ts
 * const msg: Message = { joinRef: '1', ref: '2', topic: 'room:42', event: 'new_msg', payload: { body: 'hi' } }
 * ```
 */
export interface Message {
  joinRef: string | null
  ref: string | null
  topic: string
  event: string
  payload: unknown
}

/**
 * A raw WebSocket frame: text, or binary.
 *
 * @example
 * ```ts
 * const frame: Frame = '[null,"3","phoenix","heartbeat",{}]'
 * ```
 */
export type Frame = string | ArrayBuffer

/**
 * The result of decoding a frame: a message, or the reason it was rejected.
 * Decoding never throws, so a hostile or broken peer cannot crash the caller.
 *
 * @example
 * ```ts
 * const result = decodeFrame('[null,null,"room:1","ping",{}]')
 * if (result.ok) console.log(result.message.event)
 * else console.warn(result.reason)
 * ```
 */
export type DecodeResult = { ok: true; message: Message } | { ok: false; reason: string }
