import {
  type ChannelRoute,
  chatRoute,
  isPlainObject,
  notificationsRoute,
  replyError,
  replyOk,
} from '@wirestate/engine'

/**
 * The routes every contract scenario runs on, written once for `@wirestate/server` and
 * for the mock's `channels`; `nameOf` says who a connection's user is on each side.
 * Presence metas hold no clock, so both sides send the same frames.
 *
 * @example
 * ```ts
 * createServer({ channels: contractChannels((user: { name: string }) => user.name) })
 * createMockServer({ url, channels: contractChannels((socket) => socket.info.params.user) })
 * ```
 */
export function contractChannels<User>(
  nameOf: (user: User) => string,
): Record<string, ChannelRoute<User>> {
  const name = (channel: { user: User }) => nameOf(channel.user)
  return {
    'room:*': {
      join: (topic) =>
        topic === 'room:private'
          ? replyError({ reason: 'unauthorized' })
          : replyOk({ joined: topic }),
      events: {
        ping: () => replyOk({ pong: true }),
        echo: (payload) => replyOk(payload),
        error_me: () => replyError({ reason: 'requested' }),
        crash: () => {
          throw new Error('crash requested')
        },
        stop: (_payload, channel) => {
          channel.leave()
          return replyOk({ bye: true })
        },
      },
      presence: {
        key: name,
        meta: (_channel, requested) => ({
          device: isPlainObject(requested) ? (requested.device ?? null) : null,
        }),
      },
    },
    'feed:*': {
      stream: { maxLength: 3 },
      events: {
        post: async (payload, channel) => {
          const id = await channel.broadcast('post', { body: (payload as { body: string }).body })
          return replyOk({ id })
        },
      },
    },
    'chat:*': chatRoute<User>({ userId: name, presence: false }),
    'user:*:notifications': notificationsRoute<User>({ userId: name }),
  }
}
