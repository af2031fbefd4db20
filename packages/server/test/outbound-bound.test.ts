import { afterEach, describe, expect, it } from 'vitest'
import { type Limits, silentLogger } from '../src/index.ts'
import { createServer, type WirestateServer } from '../src/server.ts'
import { eventually } from './eventually.ts'
import { RawClient } from './raw-client.ts'

// The memory bound of the server's fan-out (README, "Fan-out"): reads from clients pause
// while more than `highWaterBytes` wait for clients, so a burst cannot fill the process.
// Subscribers stop reading (their TCP windows close); a publisher bursts far more than the
// kernel's socket buffers hold. Small here; bench/fanout measures it at 1,000 subscribers.

const HIGH_WATER = 256 * 1024
const BODY = 'x'.repeat(4000)

let server: WirestateServer | null = null
const clients: RawClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate()
  await server?.stop()
  server = null
})

async function start(limits: Partial<Limits>): Promise<{ handled: () => number }> {
  let handled = 0
  server = createServer({
    port: 0,
    logger: silentLogger,
    // No rate, queue or per-socket limit gets in the way: only the bound acts.
    limits: {
      ratePerSecond: 1e9,
      rateBurst: 1e9,
      maxQueuedEvents: 1e9,
      maxBufferedBytes: 1 << 30,
      ...limits,
    },
    channels: {
      'fan:*': {
        events: {
          publish: async (payload, channel) => {
            handled++
            await channel.broadcast('new_msg', payload)
            return undefined
          },
        },
      },
    },
  })
  await server.start()
  return { handled: () => handled }
}

async function joined(): Promise<RawClient> {
  const client = await RawClient.connect(`${server?.url}?vsn=2.0.0`)
  clients.push(client)
  client.send(['1', '1', 'fan:burst', 'phx_join', {}])
  expect((await client.nextJson())[3]).toBe('phx_reply')
  return client
}

const publishFrame = (i: number) => ['1', String(i + 2), 'fan:burst', 'publish', { i, BODY }]

// Reads what a subscriber got: the `i` of every broadcast, in arrival order.
async function readAll(client: RawClient, count: number): Promise<number[]> {
  const seen: number[] = []
  while (seen.length < count) {
    const frame = await client.nextJson(10_000)
    if (frame[3] === 'new_msg') seen.push((frame[4] as { i: number }).i)
  }
  return seen
}

describe('the fan-out memory bound', () => {
  it('pauses the publisher while too much waits for stalled subscribers, then delivers all', async () => {
    const { handled } = await start({ highWaterBytes: HIGH_WATER, maxPauseMs: 60_000 })
    const subscribers = []
    for (let i = 0; i < 10; i++) subscribers.push(await joined())
    for (const subscriber of subscribers) subscriber.ws.pause()
    const publisher = await joined()
    const burst = 4000 // 16 MB to each subscriber: more than loopback buffers hold
    for (let i = 0; i < burst; i++) publisher.send(publishFrame(i))
    const s = server as WirestateServer
    // The kernel's buffers fill, then the bytes waiting pass the mark and stay there.
    await eventually(() => {
      expect(s.outboundStats.readsPaused).toBe(true)
      expect(s.outboundStats.waitingBytes).toBeGreaterThan(HIGH_WATER / 2)
    }, 15_000)
    expect(handled()).toBeLessThan(burst)
    // Past the mark, the push being handled finishes its fan-out (to every member, the
    // publisher too); the next ones wait for their handler.
    const broadcast = JSON.stringify([null, null, 'fan:burst', 'new_msg', { i: burst, BODY }])
    const bound = HIGH_WATER + (subscribers.length + 1) * (broadcast.length + 4)
    expect(s.outboundStats.peakWaitingBytes).toBeLessThanOrEqual(bound)
    // Subscribers read again: reads resume, and every message arrives once, in order.
    for (const subscriber of subscribers) subscriber.ws.resume()
    for (const subscriber of subscribers) {
      expect(await readAll(subscriber, burst)).toEqual([...Array(burst).keys()])
    }
    expect(handled()).toBe(burst)
    await eventually(() => expect(s.outboundStats.readsPaused).toBe(false))
    expect(s.outboundStats).toMatchObject({ slowConsumersCut: 0 })
    expect(s.outboundStats.peakWaitingBytes).toBeLessThanOrEqual(bound)
  }, 60_000)

  it('after maxPauseMs cuts the subscriber furthest behind, and the others get everything', async () => {
    const { handled } = await start({ highWaterBytes: HIGH_WATER, maxPauseMs: 200 })
    const [stalled, reader] = [await joined(), await joined()]
    stalled.ws.pause() // never reads again
    const publisher = await joined()
    const burst = 4000
    for (let i = 0; i < burst; i++) publisher.send(publishFrame(i))
    expect(await readAll(reader, burst)).toEqual([...Array(burst).keys()])
    const s = server as WirestateServer
    expect(handled()).toBe(burst)
    expect(s.outboundStats.slowConsumersCut).toBe(1)
    await eventually(() => expect(s.connectionCount).toBe(2)) // the reader and the publisher
    stalled.ws.resume()
    expect((await stalled.closed).code).toBe(1006) // cut, no close handshake
  }, 60_000)
})
