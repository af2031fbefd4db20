import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { compareStreamIds, parseStreamId } from '@wirestate/core/protocol'
import type { Broker, PresenceDiff, TopicEvent, TopicMessage } from '@wirestate/engine'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { eventually } from './eventually.ts'

/**
 * Several nodes on one backend, as a broker implementation sets them up for the
 * contract. `crash` must stop a node without any cleanup (no untrack, no goodbye;
 * its heartbeats stop), and `close()` on a crashed node must still resolve.
 *
 * @example
 * ```ts
 * describeBrokerContract('memory', async () => {
 *   const hub = new MemoryHub()
 *   return {
 *     node: async () => new MemoryBroker({ hub, livenessIntervalMs: 50, livenessTimeoutMs: 150 }),
 *     crash: async (node) => (node as MemoryBroker).abandon(),
 *     livenessBoundMs: 200,
 *     destroy: async () => {},
 *   }
 * })
 * ```
 */
export interface BrokerCluster {
  /** A new node on the shared backend. */
  node(): Promise<Broker>
  /** Stops a node the way a crashed process stops. */
  crash(node: Broker): Promise<void>
  /** A crashed node's presence is gone from the others within this many ms. */
  readonly livenessBoundMs: number
  /** Frees the backend once the nodes are closed. */
  destroy(): Promise<void>
}

// Slack on top of the documented bound for timers and I/O on a busy 2-core machine.
const SLACK_MS = 1000

/**
 * The behaviour every broker must have: fan-out across nodes, streams with ordered
 * ids, bounded history and replay, presence with diffs, node liveness and close.
 * Call it from a `*.test.ts` file with a factory of fresh clusters.
 *
 * @example
 * ```ts
 * describeBrokerContract('redis', () => makeRedisCluster(url))
 * ```
 */
export function describeBrokerContract(
  name: string,
  makeCluster: () => Promise<BrokerCluster>,
): void {
  describe(`${name} broker contract`, () => {
    let cluster: BrokerCluster
    let nodes: Broker[]
    let topic: string
    const node = async () => {
      const broker = await cluster.node()
      nodes.push(broker)
      return broker
    }

    beforeEach(async () => {
      cluster = await makeCluster()
      nodes = []
      topic = `room:${randomUUID()}`
    })
    afterEach(async () => {
      await Promise.all(nodes.map((n) => n.close()))
      await cluster.destroy()
    })

    describeFanOut(() => ({ node, topic }))
    describeStreams(() => ({ node, topic }))
    describePresence(() => ({ node, topic, cluster }))
  })
}

interface Context {
  node: () => Promise<Broker>
  topic: string
}

function describeFanOut(ctx: () => Context) {
  it('fans a publish out to subscribers on every node, the publisher included', async () => {
    const { node, topic } = ctx()
    const [a, b, c] = [await node(), await node(), await node()]
    const [onA, onB] = [await record(a, topic), await record(b, topic)]
    const elsewhere = await record(b, `${topic}:other`)
    await c.publish(topic, {
      event: 'new_msg',
      payload: { body: 'héllo', n: [1, { x: null }] },
      from: 'c1',
    })
    const expected = {
      type: 'message',
      event: 'new_msg',
      payload: { body: 'héllo', n: [1, { x: null }] },
      from: 'c1',
      id: null,
    }
    await eventually(() => expect(onA.events).toEqual([expected]))
    await eventually(() => expect(onB.events).toEqual([expected]))
    expect(elsewhere.events).toEqual([])
  })

  it('keeps one publisher order and stops delivering after unsubscribe', async () => {
    const { node, topic } = ctx()
    const [a, b] = [await node(), await node()]
    const onB = await record(b, topic)
    for (let n = 0; n < 20; n++) await a.publish(topic, { event: 'n', payload: n, from: null })
    await eventually(() => expect(payloads(onB.events)).toEqual([...Array(20).keys()]))
    await onB.subscription.unsubscribe()
    await a.publish(topic, { event: 'n', payload: 'late', from: null })
    const witness = await record(a, topic)
    await a.publish(topic, { event: 'n', payload: 'witness', from: null })
    await eventually(() => expect(payloads(witness.events)).toEqual(['witness']))
    expect(onB.events).toHaveLength(20)
  })
}

function describeStreams(ctx: () => Context) {
  const msg = (payload: unknown) => ({ event: 'new_msg', payload, from: null })
  const keep = { maxLength: 100 }

  it('appends with increasing ids across nodes and publishes them in id order', async () => {
    const { node, topic } = ctx()
    const [a, b, c] = [await node(), await node(), await node()]
    const onC = await record(c, topic)
    const appended = await Promise.all(
      Array.from({ length: 30 }, (_, n) => (n % 2 ? a : b).append(topic, msg(n), keep)),
    )
    for (const entry of appended) expect(parseStreamId(entry.id)).not.toBeNull()
    const ids = appended.map((e) => e.id)
    expect(new Set(ids).size).toBe(30)
    await eventually(() => expect(onC.events).toHaveLength(30))
    const delivered = onC.events.map((e) => (e as TopicMessage).id as string)
    expect(delivered).toEqual([...ids].sort(compareStreamIds))
    for (let i = 1; i < delivered.length; i++) {
      expect(compareStreamIds(nth(delivered, i - 1), nth(delivered, i))).toBeLessThan(0)
    }
  })

  it('reads the entries after an id, oldest first, as complete', async () => {
    const { node, topic } = ctx()
    const [a, b] = [await node(), await node()]
    const entries = []
    for (let n = 0; n < 5; n++) entries.push(await (n % 2 ? a : b).append(topic, msg({ n }), keep))
    const result = await b.readSince(topic, nth(entries, 1).id)
    expect(result).toEqual({ complete: true, entries: entries.slice(2) })
    expect(result.entries.map((e) => e.payload)).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }])
    expect(await a.readSince(topic, nth(entries, 4).id)).toEqual({ complete: true, entries: [] })
  })

  it('says incomplete for a stream it does not know', async () => {
    const { node, topic } = ctx()
    const a = await node()
    expect(await a.readSince(topic, '1700000000000-0')).toEqual({ complete: false, entries: [] })
  })

  it('trims by count; replay from a trimmed id is incomplete but returns what is kept', async () => {
    const { node, topic } = ctx()
    const a = await node()
    const entries = []
    for (let n = 0; n < 8; n++) entries.push(await a.append(topic, msg(n), { maxLength: 3 }))
    expect((await a.readBefore(topic, null, 100)).entries).toEqual(entries.slice(5))
    expect(await a.readSince(topic, nth(entries, 1).id)).toEqual({
      complete: false,
      entries: entries.slice(5),
    })
    expect(await a.readSince(topic, nth(entries, 4).id)).toEqual({
      complete: true,
      entries: entries.slice(5),
    })
  })

  it('trims by age', async () => {
    const { node, topic } = ctx()
    const a = await node()
    const old = await a.append(topic, msg('old'), { maxAgeMs: 100 })
    await a.append(topic, msg('old too'), { maxAgeMs: 100 })
    await sleep(250)
    const fresh = await a.append(topic, msg('fresh'), { maxAgeMs: 100 })
    expect((await a.readBefore(topic, null, 100)).entries).toEqual([fresh])
    expect((await a.readSince(topic, old.id)).complete).toBe(false)
  })

  it('pages history backwards without gaps or overlap', async () => {
    const { node, topic } = ctx()
    const a = await node()
    const entries = []
    for (let n = 0; n < 11; n++) entries.push(await a.append(topic, msg(n), keep))
    const pages = []
    let page = await a.readBefore(topic, null, 4)
    pages.unshift(page.entries)
    while (page.more) {
      page = await a.readBefore(topic, nth(page.entries, 0).id, 4)
      pages.unshift(page.entries)
    }
    expect(pages.map((p) => p.length)).toEqual([3, 4, 4])
    expect(pages.flat()).toEqual(entries)
    expect(await a.readBefore(topic, nth(entries, 0).id, 4)).toEqual({ entries: [], more: false })
    expect(await a.readBefore(`${topic}:none`, null, 4)).toEqual({ entries: [], more: false })
  })
}

function describePresence(ctx: () => Context & { cluster: BrokerCluster }) {
  it('lists tracked metas on every node, several per key, and sends joins to others', async () => {
    const { node, topic } = ctx()
    const [a, b] = [await node(), await node()]
    const onB = await record(b, topic)
    await a.track(topic, { key: 'alice', ref: 'r1', meta: { device: 'phone' } })
    await b.track(topic, { key: 'alice', ref: 'r2', meta: { device: 'laptop' } })
    await a.track(topic, { key: 'bob', ref: 'r3', meta: {} })
    const expected = {
      alice: {
        metas: [
          { device: 'phone', phx_ref: 'r1' },
          { device: 'laptop', phx_ref: 'r2' },
        ],
      },
      bob: { metas: [{ phx_ref: 'r3' }] },
    }
    for (const n of [a, b])
      expect(sortMetas(await n.listPresence(topic))).toEqual(sortMetas(expected))
    await eventually(() => expect(onB.events).toHaveLength(3))
    expect(onB.events[0]).toEqual(
      diff({ alice: { metas: [{ device: 'phone', phx_ref: 'r1' }] } }, {}),
    )
    expect(onB.events[2]).toEqual(diff({ bob: { metas: [{ phx_ref: 'r3' }] } }, {}))
  })

  it('updates a meta in one diff and untracks with a leave', async () => {
    const { node, topic } = ctx()
    const [a, b] = [await node(), await node()]
    await a.track(topic, { key: 'alice', ref: 'r1', meta: { status: 'here' } })
    const onB = await record(b, topic)
    const next = { key: 'alice', ref: 'r2', meta: { status: 'away', phx_ref_prev: 'r1' } }
    expect(await a.updatePresence(topic, 'r1', next)).toBe(true)
    expect(await a.updatePresence(topic, 'nope', next)).toBe(false)
    await a.untrack(topic, 'r2')
    await a.untrack(topic, 'never-tracked')
    const away = { status: 'away', phx_ref_prev: 'r1', phx_ref: 'r2' }
    await eventually(() => expect(onB.events).toHaveLength(2))
    expect(onB.events).toEqual([
      diff({ alice: { metas: [away] } }, { alice: { metas: [{ status: 'here', phx_ref: 'r1' }] } }),
      diff({}, { alice: { metas: [away] } }),
    ])
    expect(await b.listPresence(topic)).toEqual({})
  })

  it("removes a crashed node's presence within the liveness bound, with leaves", async () => {
    const { node, topic, cluster } = ctx()
    const [a, b] = [await node(), await node()]
    await a.track(topic, { key: 'alice', ref: 'r1', meta: {} })
    await b.track(topic, { key: 'bob', ref: 'r2', meta: {} })
    const onB = await record(b, topic)
    const crashedAt = Date.now()
    await cluster.crash(a)
    const timeout = cluster.livenessBoundMs + SLACK_MS
    await eventually(
      () => expect(onB.events).toContainEqual(diff({}, { alice: { metas: [{ phx_ref: 'r1' }] } })),
      timeout,
    )
    expect(Date.now() - crashedAt).toBeLessThanOrEqual(timeout)
    expect(await b.listPresence(topic)).toEqual({ bob: { metas: [{ phx_ref: 'r2' }] } })
  }, 30_000)

  it('close removes the node presence with leaves, stops its deliveries, and is idempotent', async () => {
    const { node, topic } = ctx()
    const [a, b] = [await node(), await node()]
    const onA = await record(a, topic)
    await a.track(topic, { key: 'alice', ref: 'r1', meta: {} })
    await eventually(() => expect(onA.events).toHaveLength(1))
    const onB = await record(b, topic)
    await a.close()
    await a.close()
    await eventually(() =>
      expect(onB.events).toEqual([diff({}, { alice: { metas: [{ phx_ref: 'r1' }] } })]),
    )
    await b.publish(topic, { event: 'after', payload: {}, from: null })
    await eventually(() => expect(onB.events).toHaveLength(2))
    expect(onA.events).toHaveLength(1)
    expect(await b.listPresence(topic)).toEqual({})
  })
}

async function record(broker: Broker, topic: string) {
  const events: TopicEvent[] = []
  const subscription = await broker.subscribe(topic, (e) => events.push(e))
  return { events, subscription }
}

function nth<T>(list: readonly T[], index: number): T {
  const item = list[index]
  if (item === undefined) throw new Error(`expected an item at ${index} of ${list.length}`)
  return item
}

function payloads(events: TopicEvent[]): unknown[] {
  return events.map((e) => (e as TopicMessage).payload)
}

function diff(joins: PresenceDiff['joins'], leaves: PresenceDiff['leaves']): PresenceDiff {
  return { type: 'presence_diff', joins, leaves }
}

// Metas of one key may come back in any order across nodes.
function sortMetas(state: PresenceDiff['joins']) {
  const sorted: Record<string, { metas: unknown[] }> = {}
  for (const key of Object.keys(state).sort()) {
    const metas = [...(state[key]?.metas ?? [])].sort((x, y) => x.phx_ref.localeCompare(y.phx_ref))
    sorted[key] = { metas }
  }
  return sorted
}
