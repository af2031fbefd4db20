import {
  type Channel,
  type ChatMessage,
  chatRoute,
  NOTIFICATION_EVENTS,
  notificationsRoute,
  replyOk,
} from '@wirestate/engine'
import type { SocketApp, SocketModule } from '../socket/socket-definition.ts'

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
const MAX_MENTIONS = 10
const MENTION = /@([\w.-]{1,64})/g
const DAY_MS = 86_400_000

/**
 * The demo's socket (the CLI serves it, and the demo app through the Vite plugin):
 * `chatRoute` on `room:*` (history, stored once per `client_id`, edit/delete by the
 * author, typing relayed to others, presence by user name; `@name` mentions become a
 * notification for that user) and `notificationsRoute` on `user:NAME:notifications`,
 * which only NAME may join. `authenticate` accepts any non-empty `user` param (a demo:
 * no password) and refuses `token=bad`.
 *
 * @example
 * ```ts
 * const server: WirestateServer<DemoUser> = createServer({ ...socketOptions(demoSocket, () => server), port: 4000 })
 * ```
 */
export const demoSocket: SocketModule<DemoUser> = (app) => {
  const userId = (channel: Channel<DemoUser>) => channel.user.name
  return {
    authenticate: (params) => {
      const name = params.user?.trim() ?? ''
      if (params.token === 'bad' || name === '' || name.length > MAX_NAME) return null
      return { name }
    },
    describeUser: (user) => user.name,
    channels: {
      'room:*': chatRoute<DemoUser>({
        join: (topic) => replyOk({ joined: topic }),
        userId,
        retention: { maxLength: 500, maxAgeMs: DAY_MS },
        onMessage: (message, channel) => notifyMentions(app, channel, message),
      }),
      'user:*:notifications': notificationsRoute<DemoUser>({
        userId,
        retention: { maxLength: 200, maxAgeMs: 7 * DAY_MS },
      }),
    },
  }
}

async function notifyMentions(
  app: SocketApp,
  channel: Channel<DemoUser>,
  message: ChatMessage,
): Promise<void> {
  const names = new Set([...message.body.matchAll(MENTION)].map((m) => m[1] as string))
  names.delete(channel.user.name)
  const notification = {
    kind: 'mention',
    topic: channel.topic,
    from: channel.user.name,
    body: message.body,
    message_id: message.id,
  }
  for (const name of [...names].slice(0, MAX_MENTIONS)) {
    await app.broadcast(
      `user:${name}:notifications`,
      NOTIFICATION_EVENTS.notification,
      notification,
    )
  }
}
