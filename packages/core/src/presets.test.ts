import { afterEach, describe, expect, test, vi } from 'vitest'
import { FakeSocket } from '../test/fake-socket.ts'
import { type Harness, setup } from '../test/harness.ts'
import type { PushError } from './errors.ts'
import type { Preset, WebSocketConstructor } from './options.ts'
import { presets } from './presets.ts'

// What each preset does to a client on a fake socket, on fake time. The harness turns
// jitter off with a call option (call options beat the preset), so delays are exact.

afterEach(() => {
  vi.useRealTimers()
})

/**
 * The inspect stream's commands and events after `since`, one line per moment: ms after
 * `since`, then what happened then, in order (a status with its attempt or reason, a
 * scheduled delay, a close code).
 */
function timeline(h: Harness, since: number): string[] {
  const moments = new Map<number, string[]>()
  for (const entry of h.entries) {
    if (entry.kind === 'frame') continue
    const item = entry.kind === 'command' ? entry.command : entry.event
    let text: string = item.type
    if (item.type === 'StatusChanged') {
      const s = item.status as { status: string; attempt?: number; reason?: string }
      text = s.reason
        ? `${s.status} (${s.reason})`
        : `${s.status}${s.attempt === undefined ? '' : ` #${s.attempt}`}`
    } else if (item.type === 'ReconnectScheduled') text = `retry in ${item.delayMs}`
    else if (item.type === 'SocketClosed') text = `SocketClosed ${item.code}`
    const at = item.time - since
    moments.set(at, [...(moments.get(at) ?? []), text])
  }
  return [...moments].map(([at, texts]) => `${at}: ${texts.join(', ')}`)
}

/** A client joined to room:1; returns the time its socket opened. */
async function joined(preset: Preset): Promise<{ h: Harness; openedAt: number }> {
  const h = setup({ preset })
  await h.joined()
  const opened = h.events('SocketOpened')[0]
  h.clear()
  return { h, openedAt: opened?.time ?? Number.NaN }
}

describe('the server goes silent (a black hole: no replies, no close)', () => {
  // A heartbeat goes out every interval; no reply within the timeout means half-open. Then
  // every new attempt hangs until the connect timeout, and the backoff grows.
  /** A joined client whose server stops answering; its timeline `ms` after the socket opened. */
  async function silent(preset: Preset, ms: number) {
    const { h, openedAt } = await joined(preset)
    await h.tick(ms)
    return { h, timeline: timeline(h, openedAt) }
  }

  test('realtime: heartbeat at 15 s, missed at 20 s; each attempt then hangs 5 s (connect timeout)', async () => {
    expect((await silent(presets.realtime, 45_000)).timeline).toEqual([
      '20000: HeartbeatMissed, reconnecting #1, SocketClosed 1000, retry in 100',
      '25100: SocketClosed 1000, reconnecting #2, retry in 200', // connect timeout: 5 s
      '30300: SocketClosed 1000, reconnecting #3, retry in 400',
      '35700: SocketClosed 1000, reconnecting #4, retry in 800',
      '41500: SocketClosed 1000, reconnecting #5, retry in 1600',
    ])
  })

  test('standard (the default): heartbeat at 30 s, missed at 60 s; attempts hang 10 s', async () => {
    expect((await silent(presets.standard, 95_000)).timeline).toEqual([
      '60000: HeartbeatMissed, reconnecting #1, SocketClosed 1000, retry in 250',
      '70250: SocketClosed 1000, reconnecting #2, retry in 500', // connect timeout: 10 s
      '80750: SocketClosed 1000, reconnecting #3, retry in 1000',
      '91750: SocketClosed 1000, reconnecting #4, retry in 2000',
    ])
  })

  test('lightweight: heartbeat at 45 s, missed at 75 s; attempts hang 20 s; gives up after 5 retries', async () => {
    const { h, timeline } = await silent(presets.lightweight, 210_000)
    expect(timeline).toEqual([
      '75000: HeartbeatMissed, reconnecting #1, SocketClosed 1000, retry in 1000',
      '96000: SocketClosed 1000, reconnecting #2, retry in 2000', // connect timeout: 20 s
      '118000: SocketClosed 1000, reconnecting #3, retry in 4000',
      '142000: SocketClosed 1000, reconnecting #4, retry in 8000',
      '170000: SocketClosed 1000, reconnecting #5, retry in 16000',
      '206000: SocketClosed 1000, disconnected (max_retries)',
    ])
    const sockets = h.fake.sockets.length
    await h.tick(600_000)
    expect(h.fake.sockets).toHaveLength(sockets)
    expect(h.client.$status.get()).toMatchObject({ status: 'disconnected', reason: 'max_retries' })
  })
})

describe('a dropped connection, the server still there', () => {
  /**
   * Drops the socket of a joined client; `ms` later the server accepts the new one and the
   * join at once. Returns the timeline, and whether a new socket was made before `ms`.
   */
  async function dropped(preset: Preset, ms: number) {
    const { h } = await joined(preset)
    const since = Date.now()
    h.socket().serverClose(1006)
    await h.tick(ms - 2)
    const early = h.fake.sockets.length > 1
    await h.tick()
    h.socket().open()
    await vi.advanceTimersByTimeAsync(0) // the rejoin goes out in the client's flush
    const [joinRef, ref] = h.lastSent('phx_join')
    h.receive([joinRef, ref, 'room:1', 'phx_reply', { status: 'ok', response: {} }])
    await h.tick()
    return { early, timeline: timeline(h, since) }
  }
  const back = (ms: number) => ({
    early: false,
    timeline: [
      `0: SocketClosed 1006, reconnecting #1, retry in ${ms}`,
      `${ms}: SocketOpened, connected, JoinChannel, ChannelJoined`,
    ],
  })

  test('realtime is back and rejoined in 100 ms, standard in 250 ms, lightweight in 1 s', async () => {
    expect(await dropped(presets.realtime, 100)).toEqual(back(100))
    expect(await dropped(presets.standard, 250)).toEqual(back(250))
    expect(await dropped(presets.lightweight, 1000)).toEqual(back(1000))
  })
})

describe('a server that refuses every connection at once', () => {
  /**
   * A client whose every socket fails as soon as it is made (error, then close 1006), after
   * `ms`: its timeline from `connect()`, and how many sockets it made so far.
   */
  async function refused(preset: Preset, ms: number) {
    let made = 0
    class Refused extends FakeSocket {
      constructor(url: string) {
        super(url)
        made++
        queueMicrotask(() => this.fail())
      }
    }
    const h = setup({ preset, WebSocket: Refused as unknown as WebSocketConstructor })
    const since = Date.now()
    h.client.connect().catch(() => {})
    await h.tick(ms)
    return { h, made: () => made, timeline: timeline(h, since) }
  }

  test('lightweight gives up after 5 retries, 31 s in, and stays down', async () => {
    const { h, made, timeline } = await refused(presets.lightweight, 40_000)
    expect(timeline).toEqual([
      '0: OpenSocket, connecting #0, SocketClosed 1006, connecting #1, retry in 1000',
      '1000: SocketClosed 1006, connecting #2, retry in 2000',
      '3000: SocketClosed 1006, connecting #3, retry in 4000',
      '7000: SocketClosed 1006, connecting #4, retry in 8000',
      '15000: SocketClosed 1006, connecting #5, retry in 16000',
      '31000: SocketClosed 1006, disconnected (max_retries)',
    ])
    await h.tick(600_000)
    expect(made()).toBe(6)
  })

  test('realtime starts at 100 ms, caps at 5 s and never gives up', async () => {
    const { h, made, timeline } = await refused(presets.realtime, 12_000)
    expect(timeline).toEqual([
      '0: OpenSocket, connecting #0, SocketClosed 1006, connecting #1, retry in 100',
      '100: SocketClosed 1006, connecting #2, retry in 200',
      '300: SocketClosed 1006, connecting #3, retry in 400',
      '700: SocketClosed 1006, connecting #4, retry in 800',
      '1500: SocketClosed 1006, connecting #5, retry in 1600',
      '3100: SocketClosed 1006, connecting #6, retry in 3200',
      '6300: SocketClosed 1006, connecting #7, retry in 5000',
      '11300: SocketClosed 1006, connecting #8, retry in 5000',
    ])
    // Ten minutes later it still tries every 5 s: 120 more attempts.
    await h.tick(600_000 - 1)
    expect(made()).toBe(8 + 120)
    expect(h.client.$status.get()).toMatchObject({ status: 'connecting' })
  })

  test('standard (the default) starts at 250 ms, caps at 10 s and never gives up', async () => {
    const { h, made, timeline } = await refused(presets.standard, 30_000)
    expect(timeline).toEqual([
      '0: OpenSocket, connecting #0, SocketClosed 1006, connecting #1, retry in 250',
      '250: SocketClosed 1006, connecting #2, retry in 500',
      '750: SocketClosed 1006, connecting #3, retry in 1000',
      '1750: SocketClosed 1006, connecting #4, retry in 2000',
      '3750: SocketClosed 1006, connecting #5, retry in 4000',
      '7750: SocketClosed 1006, connecting #6, retry in 8000',
      '15750: SocketClosed 1006, connecting #7, retry in 10000',
      '25750: SocketClosed 1006, connecting #8, retry in 10000',
    ])
    await h.tick(600_000 - 1)
    expect(made()).toBe(8 + 60)
    expect(h.client.$status.get()).toMatchObject({ status: 'connecting' })
  })
})

describe('a burst of 300 pushes the server never answers', () => {
  /** Pushes 300 at once; returns how many frames went out by each second, and the outcomes. */
  async function burst(preset: Preset, seconds: number) {
    const { h } = await joined(preset)
    const room = h.client.channel('room:1')
    const outcomes: Record<string, number[]> = {}
    const start = Date.now()
    for (let i = 0; i < 300; i++) {
      room.push('typing', { i }).catch((e: PushError) => {
        const at = Math.round((Date.now() - start) / 1000)
        outcomes[e.code] = [...(outcomes[e.code] ?? []), at]
      })
    }
    const pushes = () => h.sent().filter((f) => f[3] === 'typing').length
    const written = [pushes()]
    for (let s = 1; s <= seconds; s++) {
      await h.tick(1000 - 1)
      written.push(pushes())
    }
    const settled = Object.fromEntries(
      Object.entries(outcomes).map(([code, at]) => [code, countBy(at)]),
    )
    return { written, settled }
  }

  // The rate limit lets a burst through at once and the rest at its rate; the outbound
  // buffer holds what waits (over it, a push fails at once); a push nobody answers times
  // out `pushTimeoutMs` after it was made, whether it was written or still waiting.
  test('realtime: 100 at once and 100 a second, all timed out at 5 s', async () => {
    expect(await burst(presets.realtime, 6)).toEqual({
      written: [100, 200, 300, 300, 300, 300, 300],
      settled: { timeout: { 5: 300 } },
    })
  })

  test('standard (the default): 50 at once and 50 a second, all timed out at 10 s', async () => {
    expect(await burst(presets.standard, 11)).toEqual({
      written: [50, 100, 150, 200, 250, 300, 300, 300, 300, 300, 300, 300],
      settled: { timeout: { 10: 300 } },
    })
  })

  test('lightweight: 10 at once and 10 a second, 100 wait, the other 190 fail at once', async () => {
    expect(await burst(presets.lightweight, 21)).toEqual({
      written: [
        10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 110, 110, 110, 110, 110, 110, 110, 110, 110,
        110, 110,
      ],
      settled: { buffer_full: { 0: 190 }, timeout: { 20: 110 } },
    })
  })
})

describe('inspect verbosity', () => {
  /** The kinds of what the inspect stream carried while joining room:1. */
  async function inspected(preset: Preset) {
    const h = setup({ preset })
    await h.joined()
    return {
      frames: h.entries.filter((e) => e.kind === 'frame').length,
      sequence: h.types(),
    }
  }
  const join = ['OpenSocket', 'SocketOpened', 'JoinChannel', 'ChannelJoined']

  test('realtime and standard carry raw frames; lightweight the same commands and events, no frames', async () => {
    expect(await inspected(presets.realtime)).toEqual({ frames: 2, sequence: join })
    expect(await inspected(presets.standard)).toEqual({ frames: 2, sequence: join })
    expect(await inspected(presets.lightweight)).toEqual({ frames: 0, sequence: join })
  })

  test('lightweight measures no frame, even with an inspect listener', async () => {
    const measure = vi.spyOn(TextEncoder.prototype, 'encode')
    const h = setup({ preset: presets.lightweight })
    const room = await h.joined()
    room.push('new_msg', { body: 'é' })
    h.receive([null, null, 'room:1', 'new_msg', { body: 'é' }])
    await h.tick()
    expect(h.types().slice(-2)).toEqual(['PushMessage', 'MessageReceived'])
    expect(measure).not.toHaveBeenCalled()
    measure.mockRestore()
  })
})

function countBy(values: number[]): Record<number, number> {
  const out: Record<number, number> = {}
  for (const v of values) out[v] = (out[v] ?? 0) + 1
  return out
}
