import { type Message, parseStreamId, WIRE } from '@wirestate/core/protocol'
import type { SinceResult } from '../broker/broker.ts'
import type { ChannelRoute } from '../channel/channel-route.ts'
import { type MemberConnection, Membership } from '../channel/membership.ts'
import { isReply, type Reply, replyError, replyOk } from '../channel/reply.ts'
import type { RouteMatch } from '../channel/router.ts'
import type { EngineContext } from '../engine-context.ts'
import { isPlainObject } from '../stream/stream-payload.ts'
import { closeFrame, replyFrame } from '../wire/outbound-frames.ts'

/**
 * What the join flow needs from a connection besides what a member needs.
 *
 * @example
 * ```ts
 * const joins: JoiningConnection = connection
 * ```
 */
export interface JoiningConnection<User = unknown> extends MemberConnection<User> {
  readonly open: boolean
  membership(topic: string): Membership<User> | undefined
  adopt(member: Membership<User>): void
  /**
   * Holds a place for a join under `limit` topics, counting joins held and joins in
   * progress (joins of different topics run side by side): the function that gives
   * it back (idempotent), or `null` when full.
   */
  reserveJoin(limit: number): (() => void) | null
}

/**
 * Handles one `phx_join`, in Phoenix's order: unmatched topic → error (join_ref
 * null); a duplicate join ends the old one (its `phx_close` follows the new
 * reply); the route authorizes; the member subscribes, then reads the stream
 * replay (so nothing falls between replay and live); reply; replay; live frames;
 * then presence (`presence_diff` to all, `presence_state` to the joiner).
 *
 * @example
 * ```ts
 * await joinTopic(connection, context, message)
 * ```
 */
export async function joinTopic<User>(
  conn: JoiningConnection<User>,
  ctx: EngineContext<User>,
  message: Message,
): Promise<void> {
  const { topic, joinRef, ref } = message
  const match = ctx.router.match(topic)
  if (!match)
    return conn.send(replyFrame(null, ref, topic, replyError({ reason: 'unmatched topic' })))
  const previous = conn.membership(topic)
  await previous?.terminate('duplicate')
  const closePrevious = () => previous && conn.send(closeFrame(previous.joinRef, topic))
  const release = conn.reserveJoin(ctx.limits.maxTopicsPerConnection)
  if (!release) {
    conn.send(replyFrame(joinRef, ref, topic, replyError({ reason: 'too many topics' })))
    return void closePrevious()
  }
  try {
    await admit(conn, ctx, message, { match, release, closePrevious })
  } finally {
    release()
  }
}

interface Admission<User> {
  readonly match: RouteMatch<User>
  readonly release: () => void
  readonly closePrevious: () => void
}

// The join once it holds a place: authorize, subscribe, reply, replay, presence.
async function admit<User>(
  conn: JoiningConnection<User>,
  ctx: EngineContext<User>,
  message: Message,
  { match, release, closePrevious }: Admission<User>,
): Promise<void> {
  const { joinRef, ref, payload } = message
  const topic = ctx.fanout.sharedName(message.topic)
  const member = new Membership(conn, ctx, match, topic, joinRef)
  const decision = await authorize(match.route, member, payload, ctx)
  if (decision.status === 'error' || !conn.open) {
    conn.send(replyFrame(joinRef, ref, topic, decision))
    return closePrevious()
  }
  conn.adopt(member) // the member now holds the place itself
  release()
  let replay: SinceResult | null
  try {
    await ctx.fanout.add(topic, member)
    replay = match.route.stream ? await readReplay(ctx, topic, payload) : null
  } catch (error) {
    ctx.logger.error('join failed in the broker', { topic, error: String(error) })
    await member.terminate('crash')
    conn.send(replyFrame(joinRef, ref, topic, replyError({ reason: 'join crashed' })))
    return closePrevious()
  }
  if (member.closed) return
  conn.send(replyFrame(joinRef, ref, topic, withRecovered(decision, replay)))
  closePrevious()
  member.open(replay?.entries ?? [])
  ctx.logger.info('join', { conn: conn.id, user: ctx.describeUser(conn.user), topic })
  await startPresence(member, payload, ctx)
}

async function authorize<User>(
  route: ChannelRoute<User>,
  member: Membership<User>,
  payload: unknown,
  ctx: EngineContext<User>,
): Promise<Reply> {
  const { topic, connectionId } = member
  try {
    const result = await route.join?.(topic, payload, member)
    return isReply(result) ? result : replyOk()
  } catch (error) {
    ctx.logger.error('join handler crashed', { topic, error: String(error) })
    ctx.observer.handlerFailed?.(connectionId, topic, WIRE.join, error)
    return replyError({ reason: 'join crashed' })
  }
}

// `since` that is not a stream id cannot be honoured: the client must reload.
async function readReplay<User>(
  ctx: EngineContext<User>,
  topic: string,
  payload: unknown,
): Promise<SinceResult | null> {
  const since = isPlainObject(payload) ? payload.since : undefined
  if (since === undefined || since === null) return null
  if (!parseStreamId(since)) return { entries: [], complete: false }
  return ctx.broker.readSince(topic, since as string)
}

function withRecovered(decision: Reply, replay: SinceResult | null): Reply {
  if (!replay) return decision
  const response = decision.response
  if (!isPlainObject(response)) return decision
  return { status: decision.status, response: { ...response, recovered: replay.complete } }
}

async function startPresence<User>(
  member: Membership<User>,
  payload: unknown,
  ctx: EngineContext<User>,
): Promise<void> {
  const requested = isPlainObject(payload) ? payload.presence : undefined
  try {
    await member.trackPresence(requested)
  } catch (error) {
    ctx.logger.error('presence tracking failed', { topic: member.topic, error: String(error) })
  }
}
