import { vi } from 'vitest'
import { type Client, createClient } from '../src/client.ts'
import type { InspectEntry } from '../src/inspector.ts'
import { createNotifyManager } from '../src/notify.ts'
import type { ClientOptions, ResolvedOptions } from '../src/options.ts'
import { ConnectionHub } from '../src/shared/hub.ts'
import { hubEndpoint } from '../src/shared/hub-endpoint.ts'
import type { TabMessage } from '../src/shared/messages.ts'
import { settingsOf } from '../src/shared/settings.ts'
import { TabConnection } from '../src/shared/tab-connection.ts'
import { createFakeWebSocket, type FakeSocket } from './fake-socket.ts'
import type { Sent } from './harness.ts'

/** One tab of the fake browser: its client, its connection half, what it inspected. */
export interface FakeTab {
  client: Client
  connection: TabConnection
  entries: InspectEntry[]
  /** The tab closes: the hub hears it is gone (as from its lock). */
  close(): void
}

/** The fake browser: its tabs, the fake server's socket, the hub. */
export interface SharedBrowser {
  fake: ReturnType<typeof createFakeWebSocket>
  open(given?: Partial<ClientOptions>): FakeTab
  tick(ms?: number): Promise<void>
  socket(): FakeSocket
  sent(socket?: FakeSocket): Sent[]
  hub(): ConnectionHub
  handOver(tabs: FakeTab[]): ConnectionHub
  accept(): Promise<void>
  reply(event: string, topic: string, status: 'ok' | 'error', response?: unknown): Promise<void>
  push(topic: string, event: string, payload: unknown): Promise<void>
}

/**
 * A browser of tabs sharing one hub, in this process: each tab's messages to the hub and
 * back are structured-cloned and delivered in a microtask, as over a MessagePort. The
 * server is a fake socket (fake timers, jitter off).
 */
export function sharedBrowser(): SharedBrowser {
  vi.useFakeTimers()
  const fake = createFakeWebSocket()
  let hub: ConnectionHub | undefined
  let first: ResolvedOptions | undefined
  const options = new Map<TabConnection, ResolvedOptions>()
  const tick = async (ms = 0): Promise<void> => {
    await vi.advanceTimersByTimeAsync(ms)
    await vi.advanceTimersByTimeAsync(1)
  }

  /** Opens a tab; `options` are its client's (its own params, say). */
  function open(given: Partial<ClientOptions> = {}): FakeTab {
    let connection: TabConnection | undefined
    const entries: InspectEntry[] = []
    const client = createClient({
      url: 'ws://test/socket/websocket',
      WebSocket: fake.WebSocket,
      notify: createNotifyManager({ scheduler: (flush) => queueMicrotask(flush) }),
      logger: { warn: vi.fn(), error: vi.fn() },
      onOnline: () => () => {},
      onVisible: () => () => {},
      ...given,
      reconnect: { jitter: 0 },
      connection: (o, listener) => {
        connection = new TabConnection(o, listener)
        options.set(connection, o)
        first ??= o
        hub ??= new ConnectionHub(o, { leaveDelayMs: 1_000 })
        link(connection, hub)
        return connection
      },
    })
    client.inspect((entry) => entries.push(entry))
    const tab = connection as TabConnection
    return { client, connection: tab, entries, close: () => current().release(tab.id) }
  }

  function link(tab: TabConnection, to: ConnectionHub): void {
    const receive = hubEndpoint(
      'test',
      () => to,
      (m) => queueMicrotask(() => tab.receive(structuredClone(m))),
      { watch: false },
    )
    const settings = settingsOf(options.get(tab) as ResolvedOptions)
    tab.attach((m: TabMessage) => queueMicrotask(() => receive(structuredClone(m))), settings)
  }

  function current(): ConnectionHub {
    if (!hub) throw new Error('no tab opened yet')
    return hub
  }

  const socket = (): FakeSocket => fake.last()
  const sent = (s: FakeSocket = socket()): Sent[] =>
    s.sent.map((frame) => JSON.parse(frame as string) as Sent).filter((f) => f[2] !== 'phoenix')
  return {
    fake,
    open,
    tick,
    socket,
    sent,
    hub: current,
    /** The hub goes (its tab closed) and another takes over: the tabs attach to it. */
    handOver(tabs) {
      const next = new ConnectionHub(first as ResolvedOptions, { leaveDelayMs: 1_000 })
      for (const t of tabs) {
        t.connection.detached('the leader tab went away')
        link(t.connection, next)
      }
      hub = next
      return next
    },
    /** The server accepts the socket. */
    async accept() {
      await tick()
      socket().open()
      await tick()
    },
    /** The server answers the last frame of `event` on `topic` with `status`. */
    async reply(event, topic, status, response = {}) {
      const frame = sent()
        .filter((f) => f[3] === event && f[2] === topic)
        .at(-1) as Sent
      socket().receive(
        JSON.stringify([frame[0], frame[1], topic, 'phx_reply', { status, response }]),
      )
      await tick()
    },
    /** The server sends an event on a topic (to its current join). */
    async push(topic, event, payload) {
      const join = sent()
        .filter((f) => f[3] === 'phx_join' && f[2] === topic)
        .at(-1) as Sent
      socket().receive(JSON.stringify([join[0], null, topic, event, payload]))
      await tick()
    },
  }
}

/** The joins of `topic` among frames sent to the server. */
export const joins = (sent: Sent[], topic = 'room:1'): Sent[] =>
  sent.filter((f) => f[3] === 'phx_join' && f[2] === topic)

/** The leaves of `topic` among frames sent to the server. */
export const leaves = (sent: Sent[], topic = 'room:1'): Sent[] =>
  sent.filter((f) => f[3] === 'phx_leave' && f[2] === topic)

/** What a tab's channel hears of `event`, in order. */
export function heard(tab: FakeTab, topic: string, event: string): unknown[] {
  const got: unknown[] = []
  tab.client.channel(topic).on(event, (payload) => got.push(payload))
  return got
}

/** Two tabs of the browser, both joined to room:1 (one join on the wire, accepted). */
export async function twoTabsJoined(b: SharedBrowser): Promise<[FakeTab, FakeTab]> {
  const tabs: [FakeTab, FakeTab] = [b.open(), b.open()]
  for (const tab of tabs) tab.client.channel('room:1').join()
  await b.accept()
  await b.reply('phx_join', 'room:1', 'ok')
  return tabs
}
