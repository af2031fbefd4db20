import { type Reply, replyError, replyOk } from './reply.ts'

/**
 * A reply answered later, as Phoenix's `{:noreply, socket}` then `reply(socket_ref, ...)`:
 * the handler returns at once, so the join's next events run, and the reply goes out
 * when `ok` or `error` is called. The first call answers; later ones are ignored. A reply
 * answered after the join ended is dropped (the client's push already failed with it).
 *
 * @example
 * ```ts
 * const reply: DeferredReply = context.deferReply()
 * setTimeout(() => reply.ok({ done: true }), 500)
 * ```
 */
export interface DeferredReply {
  ok(response?: unknown): void
  error(response: unknown): void
}

/**
 * What an event handler gets besides the payload and the channel: the event's name, and
 * a way to answer later without holding up the join's other events.
 *
 * @example
 * ```ts
 * const slow: EventHandler = (payload, channel, { deferReply }) => {
 *   const reply = deferReply()
 *   void compute(payload).then((result) => reply.ok(result), () => reply.error({ reason: 'failed' }))
 * }
 * ```
 */
export interface EventContext {
  readonly event: string
  /**
   * Takes over the reply: what the handler returns is then ignored, and the push is
   * answered when the returned handle is called (calling it again gives the same
   * handle). Call it before the handler returns.
   */
  deferReply(): DeferredReply
}

/**
 * The context of one event and whether its handler deferred the reply; `send` answers.
 *
 * @example
 * ```ts
 * const { context, deferred } = eventContext('slow', (reply) => sendReply(ref, reply))
 * await handler(payload, channel, context)
 * if (!deferred()) sendReply(ref, result)
 * ```
 */
export function eventContext(
  event: string,
  send: (reply: Reply) => void,
): { context: EventContext; deferred(): boolean } {
  let handle: DeferredReply | null = null
  let answered = false
  const answer = (reply: Reply) => {
    if (answered) return
    answered = true
    send(reply)
  }
  const context: EventContext = {
    event,
    deferReply() {
      handle ??= {
        ok: (response) => answer(replyOk(response)),
        error: (r) => answer(replyError(r)),
      }
      return handle
    },
  }
  return { context, deferred: () => handle !== null }
}
