import { Connection } from '../connection/connection.ts'
import type { PushInit, PushOutcome } from '../connection/push.ts'
import type { PushError } from '../errors.ts'
import type { ConnectionEvent, ConnectionStatus, EventInit } from '../events.ts'
import type { ConnectContext, ResolvedOptions } from '../options.ts'
import type { HubMessage, SocketCommand, TabMessage } from './messages.ts'
import { Providers } from './providers.ts'
import { SharedTopic } from './shared-topic.ts'
import { TabOutbox } from './tab-outbox.ts'

type Holder = Extract<ConnectionEvent, { type: 'ConnectionShared' }>['holder']

/** A tab attached to the hub. */
interface Tab {
  readonly id: string
  readonly outbox: TabOutbox
  /** It wants the socket (connected, or connecting lazily), and hears of it. */
  started: boolean
  /** It inspects: it gets the raw frames too. */
  frames: boolean
  /** When it attached or last came to the foreground: the latest is asked for params first. */
  active: number
}

/**
 * Where a hub runs, and its pace: `leader`, the id of the tab it runs in (none in a
 * SharedWorker); `leaveDelayMs`, how long a closed tab's topics stay joined; `batchMs`, the
 * shortest time between two messages to a tab (0: one per task; a hidden leader tab's
 * timers are throttled, so only a worker waits).
 *
 * @example
 * ```ts
 * const place: HubPlace = { leaveDelayMs: 1_000, batchMs: 8 }
 * ```
 */
export interface HubPlace {
  leaveDelayMs: number
  leader?: string
  batchMs?: number
}

/**
 * The one connection of a browser's tabs, in a SharedWorker or in the leader tab: it owns
 * the socket (a plain `Connection`) and stands between it and the tabs. Each topic is
 * joined once on the wire for every tab using it (`SharedTopic`) and left when the last
 * one stops using it; each tab hears the socket's events, the events of its own topics and
 * the outcomes of its own pushes. The url and params of each connect come from a tab (the
 * one attached or brought to the foreground last; the next one if it does not answer in
 * `connectTimeoutMs`).
 *
 * A tab that goes away (its link says so: `release`) gives up its topics after
 * `leaveDelayMs`, so a reload keeps the joins; a tab that calls `disconnect()` at once.
 * When no tab wants the socket any more, it closes.
 *
 * @example
 * ```ts
 * const hub = new ConnectionHub(options, { leaveDelayMs: 1_000 })
 * hub.attach('tab-1', (message) => port.postMessage(message), [])
 * port.onmessage = ({ data }) => hub.receive('tab-1', data)
 * ```
 */
export class ConnectionHub {
  #o: ResolvedOptions
  #place: HubPlace
  #connection: Connection
  #tabs = new Map<string, Tab>()
  #topics = new Map<string, SharedTopic>()
  #open = false
  #heldBy: string | undefined
  #activity = 0
  #providers: Providers
  #unwatchFrames: (() => void) | undefined

  /**
   * `options`: the connection's (their `url` and `params` are replaced by the tabs'
   * answers).
   */
  constructor(options: ResolvedOptions, place: HubPlace) {
    this.#o = options
    this.#place = place
    this.#providers = new Providers(options.timers, options.connectTimeoutMs)
    // The tab active last first: a token refreshed there serves every tab.
    const provided = (context: ConnectContext) =>
      this.#providers.ask(
        [...this.#tabs.values()].sort((a, b) => b.active - a.active),
        context,
      )
    const o = {
      ...options,
      url: (c: ConnectContext) => provided(c).then((p) => p.url),
      params: (c: ConnectContext) => provided(c).then((p) => p.params),
    }
    this.#connection = new Connection(o, (event, deliver) => this.#event(event, deliver))
  }

  /** The status of the shared socket. */
  get status(): ConnectionStatus {
    return this.#connection.status
  }

  /** A tab arrives, holding these topics (resuming after the ids given, on stream topics). */
  attach(id: string, post: (message: HubMessage) => void, topics: [string, string?][]): void {
    this.release(id, 0)
    const outbox = new TabOutbox(post, this.#o.timers, this.#place.batchMs ?? 0)
    const tab: Tab = { id, outbox, started: false, frames: false, active: ++this.#activity }
    this.#tabs.set(id, tab)
    for (const [name, lastId] of topics) this.#topic(name).hold(id, lastId)
    this.#announce()
  }

  /** A message from an attached tab (its `attach` is its link's business). */
  receive(id: string, message: TabMessage): void {
    const tab = this.#tabs.get(id)
    if (!tab) return
    if (message.type === 'command') this.#command(tab, message.command)
    else if (message.type === 'push') this.#push(tab, message.pushId, message.init)
    else if (message.type === 'provided') this.#providers.answered(message)
    else if (message.type === 'detach') this.release(id)
    else if (message.type === 'frames') {
      tab.frames = message.on
      this.#watchFrames()
    }
  }

  /** The tab is gone: its topics are given up after `graceMs` (the leave delay). */
  release(id: string, graceMs: number = this.#place.leaveDelayMs): void {
    const tab = this.#tabs.get(id)
    if (!tab) return
    this.#tabs.delete(id)
    this.#providers.gone(id)
    if (this.#heldBy === id) this.#command(tab, { type: 'ReleaseSocket' })
    this.#stop(tab, graceMs)
    this.#watchFrames()
    this.#announce()
  }

  #command(tab: Tab, command: SocketCommand): void {
    const { type } = command
    if (type === 'OpenSocket') this.#start(tab)
    else if (type === 'CloseSocket') this.#stop(tab, 0)
    else if (type === 'JoinChannel') this.#join(tab, command.topic, command.payload)
    else if (type === 'LeaveChannel') this.#leave(tab, command.topic)
    else {
      if (type === 'CheckSocket') tab.active = ++this.#activity
      else this.#heldBy = type === 'HoldSocket' ? tab.id : undefined
      this.#connection.send(command)
    }
  }

  /** The tab wants the socket: it hears where the socket is, and it opens if it was not. */
  #start(tab: Tab): void {
    if (tab.started) return
    tab.started = true
    tab.active = ++this.#activity
    const { status } = this.status
    if (status === 'idle' || status === 'disconnected')
      this.#connection.send({ type: 'OpenSocket' })
    else {
      this.#add(tab, { type: 'StatusChanged', status: this.status })
      if (this.#open) this.#add(tab, { type: 'SocketOpened' })
    }
  }

  /** The tab no longer wants the socket: it gives up its topics; the last one closes it. */
  #stop(tab: Tab, graceMs: number): void {
    tab.started = false
    for (const topic of this.#topics.values()) {
      if (topic.members.delete(tab.id)) this.#unused(topic, graceMs)
    }
    // The last one: a reload within the grace period finds the socket still open.
    const close = () => {
      const { status } = this.status
      const wanted = [...this.#tabs.values()].some((t) => t.started)
      if (!wanted && status !== 'idle' && status !== 'disconnected') {
        this.#connection.send({ type: 'CloseSocket' })
      }
    }
    if (graceMs > 0) this.#o.timers.setTimeout(close, graceMs)
    else close()
  }

  #join(tab: Tab, name: string, payload: unknown): void {
    const topic = this.#topic(name)
    this.#o.timers.clearTimeout(topic.leaveTimer)
    const next = topic.ask(tab.id, payload)
    if (next === 'answer') for (const event of topic.lateJoin(tab.id)) this.#add(tab, event)
    else if (next === 'join' && this.#open) {
      topic.wire = 'joining'
      const joinPayload = topic.joinPayload(payload)
      this.#connection.send({ type: 'JoinChannel', topic: name, payload: joinPayload })
    }
  }

  /** The tab's channel left (after its own grace period): done for it at once. */
  #leave(tab: Tab, name: string): void {
    this.#add(tab, { type: 'ChannelLeft', topic: name })
    const topic = this.#topics.get(name)
    if (topic?.members.delete(tab.id)) this.#unused(topic, 0)
  }

  /** Leaves the topic on the wire if no tab uses it any more, after `graceMs`. */
  #unused(topic: SharedTopic, graceMs: number): void {
    if (topic.members.size) return
    const leave = () => {
      if (topic.members.size || this.#topics.get(topic.name) !== topic) return
      this.#topics.delete(topic.name)
      if (topic.wire !== 'none') this.#connection.send({ type: 'LeaveChannel', topic: topic.name })
    }
    if (graceMs > 0) topic.leaveTimer = this.#o.timers.setTimeout(leave, graceMs)
    else leave()
  }

  #push(tab: Tab, pushId: number, init: PushInit): void {
    const settled = (outcome: PushOutcome, response?: unknown, reason?: string) => {
      if (this.#tabs.get(tab.id) !== tab) return
      tab.outbox.add({ kind: 'settled', pushId, outcome, response, reason })
    }
    this.#connection.push(init).then(
      (response) => settled('ok', response),
      (error: PushError) => settled(error.code, error.response, error.reason),
    )
  }

  /** Routes an event of the socket: to the tabs it concerns, or to every tab using it. */
  #event(event: EventInit, deliver?: () => void): void {
    // A push's outcome: its promise settles now, and `#push` tells the tab.
    if (deliver) deliver()
    else if ('topic' in event) this.#topicEvent(event, this.#topics.get(event.topic as string))
    else {
      if (event.type === 'SocketOpened') this.#open = true
      else if (event.type === 'SocketClosed') {
        this.#open = false
        for (const topic of this.#topics.values()) topic.ended()
      }
      for (const tab of this.#tabs.values()) if (tab.started) this.#add(tab, event)
    }
  }

  /** An event of one topic: to the tabs using it (each of their leaves was answered already). */
  #topicEvent(event: Extract<EventInit, { topic?: string }>, topic: SharedTopic | undefined): void {
    if (!topic) return
    let to: string[] = []
    if (event.type === 'MessageReceived') to = topic.message(event.event, event.payload)
    else if (event.type === 'ChannelJoined') to = topic.joined(event.response)
    else if (event.type === 'ChannelJoinRejected') to = topic.refused(event.fatal)
    // A join over the limit is the topic's; a push waiting for tokens is only noted.
    else if (event.type === 'RateLimited' && event.command === 'JoinChannel') {
      to = topic.refused(false)
    } else if (event.type === 'ChannelErrored' || event.type === 'ChannelClosed') {
      topic.ended()
      if (event.type === 'ChannelClosed') this.#topics.delete(topic.name)
      to = [...topic.members.keys()]
    }
    this.#tell(to, event)
  }

  #tell(tabs: string[], event: EventInit): void {
    for (const id of tabs) {
      const tab = this.#tabs.get(id)
      if (tab) this.#add(tab, event)
    }
  }

  #add(tab: Tab, event: EventInit): void {
    tab.outbox.add({ kind: 'event', event })
  }

  /** Tells every tab where the socket is and how many tabs share it. */
  #announce(): void {
    const tabs = this.#tabs.size
    const { leader } = this.#place
    for (const tab of this.#tabs.values()) {
      let holder: Holder = tab.id === leader ? 'this tab' : 'another tab'
      if (leader === undefined) holder = 'shared worker'
      this.#add(tab, { type: 'ConnectionShared', holder, tabs })
    }
  }

  /** Raw frames go to the tabs that inspect; none are recorded while no tab does. */
  #watchFrames(): void {
    const watching = [...this.#tabs.values()].filter((tab) => tab.frames)
    if (watching.length && !this.#unwatchFrames) {
      this.#unwatchFrames = this.#connection.inspect((entry) => {
        if (entry.kind !== 'frame') return
        for (const tab of this.#tabs.values()) if (tab.frames) tab.outbox.add(entry)
      })
    } else if (!watching.length && this.#unwatchFrames) {
      this.#unwatchFrames()
      this.#unwatchFrames = undefined
    }
  }

  #topic(name: string): SharedTopic {
    const topic = this.#topics.get(name) ?? new SharedTopic(name)
    this.#topics.set(name, topic)
    return topic
  }
}
