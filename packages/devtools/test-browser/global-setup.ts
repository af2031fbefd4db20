import { createServer, replyOk, silentLogger } from '@wirestate/server'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    wsUrl: string
    /** UPDATE_SCREENSHOTS=1: write the README's screenshot to docs/ (else test-results/). */
    updateScreenshots: boolean
  }
}

/**
 * A real @wirestate/server on 127.0.0.1 for the Chromium suite: rooms that echo, broadcast,
 * flood one member with pushes, and track presence by the `user` connect param.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = createServer<{ name: string }>({
    port: 0,
    logger: silentLogger,
    authenticate: (params) => ({ name: String(params.user ?? 'anon') }),
    channels: {
      'room:*': {
        join: () => replyOk({ welcome: true }),
        events: {
          echo: (payload) => replyOk(payload),
          shout: async (payload, channel) => {
            await channel.broadcast('shout', payload)
            return replyOk({})
          },
          flood: (payload, channel) => {
            const { count } = payload as { count: number }
            for (let i = 0; i < count; i++) channel.push('tick', { i })
            return replyOk({ sent: count })
          },
        },
        presence: { key: (channel) => channel.user.name },
      },
    },
  })
  await server.start()
  project.provide('wsUrl', server.url)
  project.provide('updateScreenshots', process.env.UPDATE_SCREENSHOTS === '1')
  return () => server.stop()
}
