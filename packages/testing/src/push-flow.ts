import { type Message, WIRE } from '@wirestate/core/protocol'
import type { PushContext } from './handler-context.ts'
import type { Member } from './member.ts'
import type { MockConnection } from './mock-connection.ts'
import { isPlainObject } from './plain-object.ts'
import { type PushResult, replyPayload } from './reply.ts'
import type { ServerContext } from './server-context.ts'

/**
 * The event a member pushes to change its own presence meta (a wirestate addition,
 * see docs/protocol.md); not a Phoenix wire name, so it is not in `WIRE`.
 */
const PRESENCE_UPDATE = 'presence_update'

/**
 * Handles every client message but joins and heartbeats, as `@wirestate/server` does:
 * `phx_leave` gets an ok reply then `phx_close`; a push to a topic not joined gets
 * `unmatched topic` (join_ref null); one with a stale join_ref is ignored;
 * `presence_update` from a member that tracks its presence updates it; everything else
 * goes to the push rule, and an event without a rule gets `unhandled event`.
 *
 * @example
 * ```ts
 * await handlePush(connection, server, { joinRef: '1', ref: '2', topic: 'room:1', event: 'new_msg', payload: {} })
 * ```
 */
export async function handlePush(
  connection: MockConnection,
  server: ServerContext,
  message: Message,
): Promise<void> {
  const { topic, event, joinRef, ref } = message
  const member = connection.member(topic)
  const reply = (status: 'ok' | 'error', response: unknown, to = joinRef) => {
    if (ref !== null) {
      const payload = { status, response }
      connection.send({ joinRef: to, ref, topic, event: WIRE.reply, payload })
    }
  }
  if (event === WIRE.leave) {
    reply('ok', {})
    if (member && member.joinRef === joinRef) member.terminate(WIRE.close)
    return
  }
  if (!member) return reply('error', { reason: 'unmatched topic' }, null)
  if (member.joinRef !== joinRef) return
  if (event === PRESENCE_UPDATE && member.tracksPresence && isPlainObject(message.payload)) {
    // The reply first, then the diff, as on the real server.
    reply('ok', {})
    return member.updatePresence({ ...message.payload })
  }
  await runRule(member, server, message, reply)
}

async function runRule(
  member: Member,
  server: ServerContext,
  message: Message,
  reply: (status: 'ok' | 'error', response: unknown) => void,
): Promise<void> {
  const { topic, event, payload } = message
  const found = server.pushRules.find(topic, event)
  if (!found) return reply('error', { reason: 'unhandled event' })
  const context: PushContext = {
    topic,
    event,
    wildcards: found.wildcards,
    connection: member.connection.info,
    push: (event, payload) => member.push(event, payload),
    broadcast: (event, payload) => server.broadcast(topic, event, payload),
    broadcastFrom: (event, payload) => server.broadcast(topic, event, payload, member),
  }
  try {
    const result = (await found.handler(payload, context)) as PushResult
    if (result === undefined || member.ended) return
    const { status, response } = replyPayload(result)
    reply(status, response)
  } catch (error) {
    const connection = member.connection.id
    server.record.errors.push({ kind: 'handler', connection, topic, event, error })
    if (!member.ended) member.terminate(WIRE.error)
  }
}
