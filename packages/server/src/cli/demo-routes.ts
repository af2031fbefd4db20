import type { Channel } from '../channel/channel.ts'
import type { ChannelRoute } from '../channel/channel-route.ts'
import { replyError, replyOk } from '../channel/reply.ts'
import type { WirestateServer } from '../server.ts'
import type { ServerOptions } from '../server-options.ts'
import { isPlainObject } from '../stream/stream-payload.ts'
import { RecentClientIds } from './recent-client-ids.ts'

/**
 * A demo user: the `user` connect param.
 *
 * @example
 * ```ts
 * const user: DemoUser = { name: 'alice' }
 * ```
 */
export interface DemoUser {
  readonly name: string
}

const MAX_NAME = 64
const MAX_BODY = 2000
const MENTION = /@([\w.-]{1,64})/g

/**
 * The demo's server options: a chat in `room:*` (stream history, presence keyed by
 * user name, typing relayed to others, `@name` mentions sent to that user) and
 * `user:NAME:notifications` that only NAME may join. `authenticate` accepts any
 * non-empty `user` param (a demo: no password) and refuses `token=bad`.
 *
 * @example
 * ```ts
 * const server: WirestateServer<DemoUser> = createServer({ ...demoOptions(() => server), port: 4000 })
 * ```
 */
export function demoOptions(
  server: () => WirestateServer<DemoUser>,
): Pick<ServerOptions<DemoUser>, 'authenticate' | 'channels' | 'describeUser'> {
  return {
    authenticate: (params) => {
      const name = params.user?.trim() ?? ''
      if (params.token === 'bad' || name === '' || name.length > MAX_NAME) return null
      return { name }
    },
    describeUser: (user) => user.name,
    channels: { 'room:*': chatRoute(server), 'user:*:notifications': notificationsRoute() },
  }
}

function chatRoute(server: () => WirestateServer<DemoUser>): ChannelRoute<DemoUser> {
  const recent = new RecentClientIds(10_000)
  return {
    join: (topic) => replyOk({ joined: topic }),
    presence: { key: (channel) => channel.user.name },
    stream: { maxLength: 500, maxAgeMs: 24 * 3600_000, ephemeral: ['typing'] },
    events: {
      new_msg: async (payload, channel) => {
        const message = readMessage(payload)
        if (!message) return replyError({ reason: 'invalid message' })
        const known = message.client_id ? recent.get(channel.topic, message.client_id) : undefined
        if (known !== undefined) return replyOk({ id: known })
        const id = await channel.broadcast('new_msg', { ...message, user: channel.user.name })
        if (message.client_id) recent.set(channel.topic, message.client_id, id)
        await notifyMentions(server(), channel, message.body)
        return replyOk({ id })
      },
      typing: async (payload, channel) => {
        const typing = isPlainObject(payload) && payload.typing === true
        await channel.broadcastFrom('typing', { user: channel.user.name, typing })
        return undefined
      },
      history: async (payload, channel) => {
        const { before, limit } = isPlainObject(payload) ? payload : {}
        const beforeId = typeof before === 'string' ? before : null
        return replyOk(await channel.history(beforeId, typeof limit === 'number' ? limit : 50))
      },
    },
  }
}

function notificationsRoute(): ChannelRoute<DemoUser> {
  return {
    join: (_topic, _payload, channel) =>
      channel.wildcards[0] === channel.user.name
        ? replyOk()
        : replyError({ reason: 'unauthorized' }),
    stream: { maxLength: 200, maxAgeMs: 7 * 24 * 3600_000 },
  }
}

function readMessage(payload: unknown): { body: string; client_id?: string } | null {
  if (!isPlainObject(payload)) return null
  const { body, client_id } = payload
  if (typeof body !== 'string' || body.length === 0 || body.length > MAX_BODY) return null
  if (client_id === undefined) return { body }
  if (typeof client_id !== 'string' || client_id.length > MAX_NAME) return null
  return { body, client_id }
}

async function notifyMentions(
  server: WirestateServer<DemoUser>,
  channel: Channel<DemoUser>,
  body: string,
): Promise<void> {
  const names = new Set([...body.matchAll(MENTION)].map((m) => m[1] as string))
  names.delete(channel.user.name)
  for (const name of [...names].slice(0, 10)) {
    const notification = { kind: 'mention', topic: channel.topic, from: channel.user.name, body }
    await server.broadcast(`user:${name}:notifications`, 'notification', notification)
  }
}
