import { type Mock, vi } from 'vitest'
import type { Channel } from '../src/channel.ts'
import type { ChannelEvents, UnknownEvents } from '../src/channel-types.ts'
import { type Client, createClient } from '../src/client.ts'
import type { ConnectionEvent } from '../src/events.ts'
import type { InspectEntry } from '../src/inspector.ts'
import { createNotifyManager, type NotifyManager } from '../src/notify.ts'
import type { ClientOptions } from '../src/options.ts'
import { createFakeWebSocket, type FakeSocket } from './fake-socket.ts'

/** A Phoenix v2 frame as the client sent it: [join_ref, ref, topic, event, payload]. */
export type Sent = [string | null, string, string, string, unknown]

export interface Harness {
  client: Client
  fake: ReturnType<typeof createFakeWebSocket>
  entries: InspectEntry[]
  logger: { warn: Mock; error: Mock }
  /** The client's own notify manager (a microtask scheduler unless a test swaps it). */
  notify: NotifyManager
  tick(ms?: number): Promise<unknown>
  goOnline(): void
  becomeVisible(): void
  types(): string[]
  events<T extends ConnectionEvent['type']>(type: T): Extract<ConnectionEvent, { type: T }>[]
  clear(): void
  socket(): FakeSocket
  sent(socket?: FakeSocket): Sent[]
  lastSent(event: string, topic?: string): Sent
  open(): Promise<void>
  reply(event: string, status: 'ok' | 'error', response?: unknown, topic?: string): Promise<void>
  receive(frame: unknown[]): void
  joined<E extends ChannelEvents = UnknownEvents>(topic?: string): Promise<Channel<E>>
}

/**
 * A client on a fake socket, with fake timers, jitter off, and notifications flushed in a
 * microtask (so `tick()` folds every event without waiting 16 ms).
 */
export function setup(options: Partial<ClientOptions> = {}, inspect = true): Harness {
  vi.useFakeTimers()
  // Its own notify manager: a test that swaps the scheduler changes nothing for the next.
  const notify = createNotifyManager({ scheduler: (flush) => queueMicrotask(flush) })
  const fake = createFakeWebSocket()
  const entries: InspectEntry[] = []
  const logger = { warn: vi.fn(), error: vi.fn() }
  let online = () => {}
  let visible = () => {}
  const client = createClient({
    url: 'ws://test/socket/websocket',
    WebSocket: fake.WebSocket,
    logger,
    notify,
    onOnline: (cb) => {
      online = cb
      return () => {}
    },
    onVisible: (cb) => {
      visible = cb
      return () => {}
    },
    ...options,
    reconnect: { jitter: 0, ...options.reconnect },
  })
  if (inspect) client.inspect((entry) => entries.push(entry))
  // Fake timers run a zero-delay timer set during a tick 1 ms later, and opening a socket
  // awaits the url/params functions, so every tick also moves the clock 1 ms.
  const tick = async (ms = 0) => {
    await vi.advanceTimersByTimeAsync(ms)
    await vi.advanceTimersByTimeAsync(1)
  }
  const h: Harness = {
    client,
    fake,
    entries,
    logger,
    notify,
    tick,
    goOnline: () => online(),
    becomeVisible: () => visible(),
    /** Command and event types, in order (frames and status changes left out). */
    types: () =>
      entries.flatMap((e) =>
        e.kind === 'command'
          ? [e.command.type]
          : e.kind === 'event' && e.event.type !== 'StatusChanged'
            ? [e.event.type]
            : [],
      ),
    events: <T extends ConnectionEvent['type']>(type: T) =>
      entries.flatMap((e) =>
        e.kind === 'event' && e.event.type === type
          ? [e.event as Extract<ConnectionEvent, { type: T }>]
          : [],
      ),
    clear: () => {
      entries.length = 0
    },
    socket: (): FakeSocket => fake.last(),
    /** Frames the current socket received from the client, parsed. */
    sent: (socket = fake.last()): Sent[] => socket.sent.map((f) => JSON.parse(f as string)),
    /** The last frame sent with this event (and topic). */
    lastSent(event: string, topic?: string): Sent {
      const frame = h
        .sent()
        .filter((f) => f[3] === event && (!topic || f[2] === topic))
        .at(-1)
      if (!frame) throw new Error(`no ${event} was sent`)
      return frame
    },
    /** Lets the socket be created (after the url/params promises) and opens it. */
    async open() {
      await tick()
      fake.last().open()
      await tick()
    },
    /** Replies to the last frame with this event, as Phoenix would. */
    async reply(event: string, status: 'ok' | 'error', response: unknown = {}, topic?: string) {
      const [joinRef, ref, t] = h.lastSent(event, topic)
      h.receive([joinRef, ref, t, 'phx_reply', { status, response }])
      await tick()
    },
    receive(frame: unknown[]) {
      fake.last().receive(JSON.stringify(frame))
    },
    /** Connects, opens, and joins a topic. */
    async joined<E extends ChannelEvents = UnknownEvents>(topic = 'room:1') {
      const channel = client.channel<E>(topic)
      channel.join()
      await h.open()
      await h.reply('phx_join', 'ok', {}, topic)
      return channel
    },
  }
  return h
}
