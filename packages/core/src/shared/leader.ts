import type { ResolvedOptions } from '../options.ts'
import { ConnectionHub } from './hub.ts'
import { hubEndpoint } from './hub-endpoint.ts'
import type { HubMessage, TabMessage } from './messages.ts'
import { settingsOf } from './settings.ts'
import type { TabConnection } from './tab-connection.ts'
import { holdTabLock, tabLock } from './tab-watch.ts'

/** What goes over the election channel. */
type Election = { type: 'leader'; id: string } | { type: 'who' }

/** A follower's message to the leader's hub, on the leader's own channel. */
interface ToHub {
  from: string
  message: TabMessage
}

/**
 * Shares the socket without a SharedWorker: one tab, the leader, holds it (a hub in the
 * page) and the others talk to it over BroadcastChannels. The leader is elected with a Web
 * Lock every tab asks for: the browser grants it to one tab at a time, and to the next in
 * line as soon as the leader's page goes (closed, crashed, reloaded). The new leader
 * announces itself; every tab then attaches to it as after a dropped socket: pushes that
 * were waiting fail with `channel_closed`, channels rejoin once its socket opens, and
 * stream topics resume after the oldest last id of the tabs.
 *
 * Channels, each named after `name`: `:leader` (elections), `:hub:<leader id>` (to the
 * hub), `:tab:<tab id>` (to one tab); the lock `:leader`, and `:tab:<id>` per tab (held
 * for its life, so the hub knows when it goes).
 *
 * @example
 * ```ts
 * followLeader(new TabConnection(options, listener), 'wirestate:wss://example.com/socket/websocket', options)
 * ```
 */
export function followLeader(tab: TabConnection, name: string, o: ResolvedOptions): void {
  const settings = settingsOf(o)
  const election = new BroadcastChannel(`${name}:leader`)
  const inbox = new BroadcastChannel(`${name}:tab:${tab.id}`)
  inbox.onmessage = ({ data }: MessageEvent<HubMessage>) => tab.receive(data)
  let leader: string | undefined
  let toHub: BroadcastChannel | undefined

  const follow = (id: string, attach: (message: TabMessage) => void) => {
    if (leader !== undefined) tab.detached('the leader tab went away')
    leader = id
    toHub?.close()
    toHub = undefined
    tab.attach(attach, settings)
  }
  election.onmessage = ({ data }: MessageEvent<Election>) => {
    if (data.type === 'who') {
      if (leader === tab.id) election.postMessage({ type: 'leader', id: tab.id })
    } else if (data.id !== leader && data.id !== tab.id) {
      const channel = new BroadcastChannel(`${name}:hub:${data.id}`)
      follow(data.id, (message) => channel.postMessage({ from: tab.id, message } as ToHub))
      toHub = channel
    }
  }
  const lead = () => {
    const hub = new ConnectionHub(o, { leaveDelayMs: o.leaveDelayMs, leader: tab.id })
    serveFollowers(name, hub, tab.id)
    // This tab's own link is a MessageChannel: it hears the hub as the others do.
    const { port1, port2 } = new MessageChannel()
    const receive = hubEndpoint(
      name,
      () => hub,
      (m) => port1.postMessage(m),
      { watch: false },
    )
    port1.onmessage = ({ data }) => receive(data)
    port2.onmessage = ({ data }) => tab.receive(data)
    follow(tab.id, (message) => port2.postMessage(message))
    election.postMessage({ type: 'leader', id: tab.id })
  }
  void holdTabLock(tabLock(name, tab.id)).then(() => {
    election.postMessage({ type: 'who' })
    void navigator.locks.request(`${name}:leader`, () => {
      lead()
      return new Promise<never>(() => {})
    })
  })
}

/** The leader's hub hears the followers on its channel, and answers each on theirs. */
function serveFollowers(name: string, hub: ConnectionHub, leader: string): void {
  const followers = new Map<string, (message: TabMessage) => void>()
  const channel = new BroadcastChannel(`${name}:hub:${leader}`)
  channel.onmessage = ({ data: { from, message } }: MessageEvent<ToHub>) => {
    let receive = followers.get(from)
    if (!receive || message.type === 'attach') {
      const out = new BroadcastChannel(`${name}:tab:${from}`)
      const closed = () => {
        out.close()
        followers.delete(from)
      }
      receive = hubEndpoint(
        name,
        () => hub,
        (m) => out.postMessage(m),
        { closed },
      )
      followers.set(from, receive)
    }
    receive(message)
  }
}
