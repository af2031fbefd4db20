import { type Message, WIRE } from '@wirestate/core/protocol'
import type { JoinContext } from './handler-context.ts'
import { Member } from './member.ts'
import type { MockConnection } from './mock-connection.ts'
import type { Replay } from './mock-stream.ts'
import { isPlainObject } from './plain-object.ts'
import { type JoinResult, replyPayload } from './reply.ts'
import type { ServerContext } from './server-context.ts'

type ReplyPayload = { status: 'ok' | 'error'; response: unknown }

/**
 * Handles one `phx_join` in `@wirestate/server`'s (and Phoenix's) order: the rule
 * decides; a join of a topic already joined ends the old join, whose `phx_close`
 * follows the new reply; then the reply (with `recovered` when the join asked to
 * resume a stream), the stream replay, and presence: the joiner's own
 * `presence_diff` to everyone, then `presence_state` to the joiner.
 *
 * @example
 * ```ts
 * await handleJoin(connection, server, { joinRef: '1', ref: '1', topic: 'room:1', event: 'phx_join', payload: {} })
 * ```
 */
export async function handleJoin(
  connection: MockConnection,
  server: ServerContext,
  message: Message,
): Promise<void> {
  const { topic, ref, payload } = message
  const joinRef = message.joinRef ?? ref ?? ''
  const tracked: { key: string; meta: Record<string, unknown> }[] = []
  const reply = await decide(connection, server, message, (key, meta) => {
    tracked.push({ key, meta: meta ?? requestedMeta(payload) })
  })
  if (!reply || connection.status !== 'open') return
  const previous = connection.member(topic)
  previous?.end()
  const answer = (payload: ReplyPayload) => {
    connection.send({ joinRef, ref, topic, event: WIRE.reply, payload })
    if (previous) connection.send({ ...closeOf(previous), topic })
  }
  if (reply.status === 'error') return answer(reply)
  const replay = readReplay(server, topic, payload)
  const member = new Member(connection, server, topic, joinRef)
  connection.adopt(member)
  answer(withRecovered(reply, replay))
  for (const entry of replay?.entries ?? [])
    member.push(entry.event, { ...entry.payload, id: entry.id })
  for (const { key, meta } of tracked) member.track(key, meta)
  const presence = server.presenceOf(topic)
  if (presence) member.push(WIRE.presenceState, presence.state())
}

/** Runs the join rule; `undefined` when the join gets no reply. */
async function decide(
  connection: MockConnection,
  server: ServerContext,
  message: Message,
  track: JoinContext['track'],
): Promise<ReplyPayload | undefined> {
  const { topic, event, payload } = message
  const found = server.joinRules.find(topic)
  if (!found) return replyPayload({ ok: {} })
  const context: JoinContext = {
    topic,
    wildcards: found.wildcards,
    connection: connection.info,
    track,
  }
  try {
    const result = (await found.handler(payload, context)) as JoinResult
    if (result === undefined) return replyPayload({ ok: {} })
    if ('noreply' in result && result.noreply === true) return undefined
    return replyPayload(result as Exclude<JoinResult, { noreply: true } | undefined>)
  } catch (error) {
    const id = connection.id
    server.record.errors.push({ kind: 'handler', connection: id, topic, event, error })
    return replyPayload({ error: { reason: 'join crashed' } })
  }
}

function closeOf(member: Member): Omit<Message, 'topic'> {
  return { joinRef: member.joinRef, ref: member.joinRef, event: WIRE.close, payload: {} }
}

// `since` is only honoured on stream topics; anything else there is not recovered.
function readReplay(server: ServerContext, topic: string, payload: unknown): Replay | null {
  const stream = server.streamOf(topic)
  const since = isPlainObject(payload) ? payload.since : undefined
  if (!stream || since === undefined || since === null) return null
  return stream.since(since)
}

function withRecovered(reply: ReplyPayload, replay: Replay | null): ReplyPayload {
  if (!replay || !isPlainObject(reply.response)) return reply
  return { ...reply, response: { ...reply.response, recovered: replay.recovered } }
}

function requestedMeta(payload: unknown): Record<string, unknown> {
  const requested = isPlainObject(payload) ? payload.presence : undefined
  return isPlainObject(requested) ? { ...requested } : {}
}
