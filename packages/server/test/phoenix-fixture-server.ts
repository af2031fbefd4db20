import { replyError, replyOk, type ServerOptions, silentLogger } from '../src/index.ts'
import { createServer, type WirestateServer } from '../src/server.ts'

/** The user of the fixture server: the `user` connect param. */
export interface FixtureUser {
  readonly name: string
}

/**
 * Routes that behave like the Phoenix 1.7 server the transcripts in
 * `fixtures/phoenix-1.7-transcripts` were recorded from (see their README).
 *
 * @example
 * ```ts
 * const server = await startFixtureServer()
 * ```
 */
export function phoenixFixtureOptions(): ServerOptions<FixtureUser> {
  const counters = new Map<string, number>()
  return {
    port: 0,
    logger: silentLogger,
    authenticate: (params) =>
      params.token === 'bad' ? null : { name: params.user ?? 'anonymous' },
    channels: {
      'room:*': {
        join: (topic) =>
          topic === 'room:private'
            ? replyError({ reason: 'unauthorized' })
            : replyOk({ joined: topic }),
        presence: { key: (channel) => channel.user.name },
        events: {
          new_msg: async (payload, channel) => {
            await channel.broadcast('new_msg', { ...(payload as object), user: channel.user.name })
            const id = (counters.get(channel.topic) ?? 0) + 1
            counters.set(channel.topic, id)
            return replyOk({ id })
          },
          ping: () => replyOk({ pong: true }),
          typing: async (payload, channel) => {
            await channel.broadcastFrom('typing', {
              ...(payload as object),
              user: channel.user.name,
            })
            return undefined
          },
          error_me: () => replyError({ reason: 'requested' }),
          echo: (payload) => replyOk(payload),
          echo_binary: (payload) => replyOk(payload),
          push_me: (payload, channel) => {
            channel.push('pushed', payload)
            return replyOk()
          },
          slow: async (payload) => {
            const ms = Math.min(Number((payload as { ms?: unknown }).ms) || 0, 2000)
            await new Promise((resolve) => setTimeout(resolve, ms))
            return replyOk({ slept: ms })
          },
          // Answers later without holding up the join's next events (Phoenix's
          // {:noreply, socket} then reply/2).
          slow_reply: (payload, _channel, { deferReply }) => {
            const ms = Math.min(Number((payload as { ms?: unknown }).ms) || 0, 2000)
            const reply = deferReply()
            setTimeout(() => reply.ok({ slept: ms }), ms)
            return undefined
          },
          no_reply: () => undefined,
          crash: () => {
            throw new Error('crash requested')
          },
          stop: (_payload, channel) => {
            channel.leave()
            return replyOk({ bye: true })
          },
        },
      },
    },
  }
}

/**
 * Starts the fixture server on 127.0.0.1 and a free port.
 *
 * @example
 * ```ts
 * const server = await startFixtureServer({ limits: { rateBurst: 10 } })
 * ```
 */
export async function startFixtureServer(
  overrides: Partial<ServerOptions<FixtureUser>> = {},
): Promise<WirestateServer<FixtureUser>> {
  const server = createServer({ ...phoenixFixtureOptions(), ...overrides })
  await server.start()
  return server
}
