/**
 * The files of the app the Vite plugin's tests serve: a page, `socket.ts` (who connects, the
 * routes) and `rooms.ts`, the handler file the tests edit. `ping` answers the handler's
 * version and how many pings this join has made (kept in `channel.assigns`); `say` is
 * stored in the room's stream and broadcast; presence by user name.
 *
 * @example
 * ```ts
 * const app = await ViteApp.create(fixtureFiles())
 * await app.edit('rooms.ts', roomsFile({ version: 2 }))
 * ```
 */
export function fixtureFiles(): Record<string, string> {
  return {
    'index.html': '<p>the page</p>',
    'socket.ts': socketFile({ refuse: null }),
    'rooms.ts': roomsFile({ version: 1 }),
  }
}

/** `socket.ts`: any non-empty `user` connects, except `refuse`. */
export function socketFile({ refuse }: { refuse: string | null }): string {
  return `import { defineSocket } from '@wirestate/server'
import { rooms } from './rooms.ts'

export default defineSocket<{ name: string }>((app) => ({
  authenticate: (params) =>
    params.user && params.user !== ${JSON.stringify(refuse)} ? { name: params.user } : null,
  channels: { 'room:*': rooms(app) },
}))
`
}

/** `rooms.ts` at a version; `broken` writes it with a syntax error. */
export function roomsFile({
  version,
  broken = false,
}: {
  version: number
  broken?: boolean
}): string {
  return `import { type ChannelRoute, replyOk, type SocketApp } from '@wirestate/server'

const VERSION = ${version}${broken ? ' +' : ''}

export function rooms(app: SocketApp): ChannelRoute<{ name: string }> {
  return {
    presence: { key: (channel) => channel.user.name },
    stream: { maxLength: 100 },
    events: {
      ping: (_payload, channel) => {
        const pings = ((channel.assigns.pings as number | undefined) ?? 0) + 1
        channel.assigns.pings = pings
        return replyOk({ version: VERSION, pings })
      },
      say: async (payload, channel) => {
        const id = await channel.broadcast('said', { ...(payload as object), by: channel.user.name })
        return replyOk({ id })
      },
      history: async (_payload, channel) => replyOk(await app.history(channel.topic, null, 10)),
    },
  }
}
`
}
