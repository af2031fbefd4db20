// One tab of the suite: a client on the connection the query asks for, driven by the
// specs through `window.tab`. `?server=ws://…&user=ann&mode=worker|leader|own`.
import {
  type Channel,
  type ConnectionEvent,
  createClient,
  type InspectEntry,
} from '@wirestate/core'
import { type ChatMessage, chat } from '@wirestate/core/chat'
import { presence } from '@wirestate/core/presence'
import { sharedConnection } from '@wirestate/core/shared'
import { stream } from '@wirestate/core/stream'

const query = new URLSearchParams(location.search)
const mode = (query.get('mode') ?? 'worker') as 'worker' | 'leader' | 'own'
const user = query.get('user') ?? 'ann'
const name = query.get('name') ?? crypto.randomUUID().slice(0, 8)

const client = createClient({
  url: query.get('server') as string,
  // The tab's name goes with the params: the server sees which tab was asked for them.
  params: () => ({ user, tab: name }),
  connection: mode === 'own' ? undefined : sharedConnection({ mode }),
})

const inspected: InspectEntry[] = []
if (query.has('inspect')) client.inspect((entry) => inspected.push(entry))
client.$status.subscribe((s) => {
  ;(document.getElementById('status') as HTMLElement).textContent = s.status
})

type Room = { channel: Channel; messages: ChatMessage[]; members: string[]; offs: (() => void)[] }
const rooms = new Map<string, Room>()
const feeds = new Map<string, { ticks: number[]; off: () => void }>()

/** What the specs call, through `page.evaluate(() => window.tab.…)`. */
const api = {
  name,
  status: () => client.$status.get(),
  /** Enters a chat room (chat and presence, as an app would) and resolves once joined. */
  async enter(room: string): Promise<unknown> {
    const channel = client.channel(`room:${room}`)
    const state: Room = { channel, messages: [], members: [], offs: [] }
    rooms.set(room, state)
    const talk = chat(channel, { user })
    const here = presence(channel)
    state.offs.push(talk.$messages.subscribe((list) => (state.messages = [...list])))
    state.offs.push(here.$members.subscribe((m) => (state.members = [...m.keys()])))
    const reply = await channel.join()
    state.offs.push(() => void channel.leave())
    ;(window as { talk?: typeof talk }).talk = talk
    return reply
  },
  /** Sends a chat message and resolves with its push's reply. */
  say: (room: string, body: string) =>
    (rooms.get(room) as Room).channel.push('new_msg', { body, client_id: `${name}-${body}` }),
  messages: (room: string) =>
    (rooms.get(room)?.messages ?? []).map((m) => ({
      id: m.id,
      body: m.body,
      user: m.user,
      status: m.status,
    })),
  members: (room: string) => rooms.get(room)?.members ?? [],
  /** Lets go of the room: it leaves after the leave delay. */
  leave(room: string): void {
    for (const off of rooms.get(room)?.offs ?? []) off()
    rooms.delete(room)
  },
  /** Follows a stream topic, collecting the `n` of each `tick`, each once and in order. */
  async follow(topic: string): Promise<void> {
    const channel = client.channel<{ receive: { tick: { n: number } } }>(topic)
    stream(channel)
    const ticks: number[] = []
    const off = channel.on('tick', ({ n }) => ticks.push(n))
    feeds.set(topic, { ticks, off })
    await channel.join()
  },
  ticks: (topic: string) => feeds.get(topic)?.ticks ?? [],
  /** Where the socket is, as the inspect stream said last. */
  shared(): Omit<Extract<ConnectionEvent, { type: 'ConnectionShared' }>, 'time'> | undefined {
    const last = inspected
      .filter((e) => e.kind === 'event' && e.event.type === 'ConnectionShared')
      .at(-1) as { event: Extract<ConnectionEvent, { type: 'ConnectionShared' }> } | undefined
    return last && { type: 'ConnectionShared', holder: last.event.holder, tabs: last.event.tabs }
  },
  /** The inspect stream's kinds and types, in order (`?inspect`). */
  inspected: () =>
    inspected.map((e) =>
      e.kind === 'frame'
        ? `frame ${e.direction}`
        : e.kind === 'command'
          ? `command ${e.command.type}`
          : `event ${e.event.type}`,
    ),
  /** When events of these types happened (`?inspect`), as `[time, type, topic?]`. */
  timeline: (types: string[]) =>
    inspected.flatMap((e) =>
      e.kind === 'event' && types.includes(e.event.type)
        ? [[e.event.time, e.event.type, (e.event as { topic?: string }).topic] as const]
        : [],
    ),
  offline: (on: boolean) => client.simulateOffline(on),
  disconnect: () => client.disconnect(),
}

declare global {
  interface Window {
    tab: typeof api
  }
}
window.tab = api
