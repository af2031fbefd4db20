import { CHAT_EVENTS } from '@wirestate/core/protocol'
import type { Channel } from '../../channel/channel.ts'
import type { ChannelRoute, EventHandler } from '../../channel/channel-route.ts'
import { type Reply, replyError, replyOk } from '../../channel/reply.ts'
import { isPlainObject } from '../../stream/stream-payload.ts'
import { readHistoryRequest } from '../history-request.ts'
import { SharedRecords } from '../shared-records.ts'
import { chatHistory } from './chat-history.ts'
import { readChange, readNewMessage } from './chat-message.ts'
import { type ChatRouteOptions, type ChatSettings, resolveChatOptions } from './chat-options.ts'
import { ClientIdClaims } from './client-id-claims.ts'
import { MessageRevisions } from './message-revisions.ts'

/**
 * A chat room route to mount on a topic pattern: stream history, `new_msg` stored
 * once per `client_id` (across nodes), `history` pages as messages are now,
 * `edit_msg` / `delete_msg` by the author only, `typing` relayed to the others,
 * presence keyed by user id. The wire protocol is in docs/protocol.md ("Chat").
 * Needs a broker with shared records (`MemoryBroker`, `RedisBroker`).
 *
 * @example
 * ```ts
 * const server = createServer<{ name: string }>({
 *   authenticate: (params) => (params.user ? { name: params.user } : null),
 *   channels: { 'room:*': chatRoute({ userId: (channel) => channel.user.name }) },
 * })
 * ```
 */
export function chatRoute<User = unknown>(
  options: ChatRouteOptions<User> = {},
): ChannelRoute<User> {
  const settings = resolveChatOptions(options)
  const own: Record<string, EventHandler<User>> = {
    [CHAT_EVENTS.send]: (payload, channel) => send(settings, payload, channel),
    [CHAT_EVENTS.edit]: (payload, channel) => change(settings, payload, channel, 'edit'),
    [CHAT_EVENTS.delete]: (payload, channel) => change(settings, payload, channel, 'delete'),
    [CHAT_EVENTS.history]: (payload, channel) => history(settings, payload, channel),
    [CHAT_EVENTS.typing]: (payload, channel) => typing(settings, payload, channel),
  }
  const { presence, join, terminate } = settings
  return {
    join: (topic, payload, channel) => {
      SharedRecords.of(channel.broker, 'chat') // fails the join early on a broker without records
      return join?.(topic, payload, channel)
    },
    events: { ...settings.events, ...own },
    ...(terminate ? { terminate } : {}),
    ...(presence === false ? {} : { presence: presence ?? { key: settings.userId } }),
    stream: { ...settings.retention, ephemeral: [CHAT_EVENTS.typing] },
  }
}

async function send<User>(
  settings: ChatSettings<User>,
  payload: unknown,
  channel: Channel<User>,
): Promise<Reply> {
  const message = readNewMessage(payload, settings.maxBodyLength)
  if (!message) return replyError({ reason: 'invalid message' })
  const user = settings.userId(channel)
  const stored = { ...message, user }
  const store = async () => {
    const id = await channel.broadcast(CHAT_EVENTS.send, stored)
    if (id === null) throw new Error(`chatRoute on ${channel.topic} is not a stream topic`)
    return id
  }
  if (message.client_id === undefined) {
    const id = await store()
    await settings.onMessage?.({ ...stored, id }, channel)
    return replyOk({ id })
  }
  const claims = new ClientIdClaims(SharedRecords.of(channel.broker, 'chat'), {
    windowMs: settings.dedupWindowMs,
    waitMs: settings.dedupWaitMs,
  })
  const outcome = await claims.once(channel.topic, user, message.client_id, store)
  if (outcome === 'in progress') return replyError({ reason: 'in progress' })
  if (outcome.stored) await settings.onMessage?.({ ...stored, id: outcome.id }, channel)
  return replyOk({ id: outcome.id })
}

async function change<User>(
  settings: ChatSettings<User>,
  payload: unknown,
  channel: Channel<User>,
  kind: 'edit' | 'delete',
): Promise<Reply> {
  const request = readChange(payload, kind === 'edit' ? settings.maxBodyLength : null)
  if (typeof request === 'string') return replyError({ reason: request })
  const user = settings.userId(channel)
  const revision = await revisionsOf(settings, channel).change(
    channel.topic,
    request.id,
    user,
    request.body,
  )
  if (typeof revision === 'string') return replyError({ reason: revision })
  const { rev, body, edited_at } = revision
  const id =
    kind === 'edit'
      ? await channel.broadcast(CHAT_EVENTS.edited, {
          message_id: request.id,
          body,
          user,
          rev,
          edited_at,
        })
      : await channel.broadcast(CHAT_EVENTS.deleted, { message_id: request.id, user, rev })
  return replyOk({ id, rev })
}

async function history<User>(
  settings: ChatSettings<User>,
  payload: unknown,
  channel: Channel<User>,
): Promise<Reply> {
  const request = readHistoryRequest(payload, settings.pageSize, settings.maxPageSize)
  if (!request) return replyError({ reason: 'invalid id' })
  const revisions = revisionsOf(settings, channel)
  return replyOk(await chatHistory(channel, revisions, request, settings.retention.maxAgeMs))
}

// Typing is a signal, not a request: relayed to the others, never stored, no reply.
async function typing<User>(
  settings: ChatSettings<User>,
  payload: unknown,
  channel: Channel<User>,
): Promise<undefined> {
  const typing = isPlainObject(payload) && payload.typing === true
  await channel.broadcastFrom(CHAT_EVENTS.typing, { user: settings.userId(channel), typing })
  return undefined
}

function revisionsOf<User>(settings: ChatSettings<User>, channel: Channel<User>): MessageRevisions {
  const records = SharedRecords.of(channel.broker, 'chat')
  return new MessageRevisions(records, channel.broker, settings.revisionTtlMs)
}
