import type { TopicEvent } from '@wirestate/engine'
import { describe, expect, it, vi } from 'vitest'
import type { StoredMessage, StreamHead } from './redis-streams.ts'
import { type CatchUpSource, type IncomingEvent, TopicDelivery } from './redis-topic-delivery.ts'

// A stream in memory standing in for Redis: what was appended (some of it maybe
// never published), and a switch to make reads fail.
class FakeStream implements CatchUpSource {
  entries: StoredMessage[] = []
  lost = false
  failing = 0
  reads = 0

  append(n: number, ms = 1000 + n): StoredMessage {
    const entry = { id: `${ms}-0`, seq: n, event: 'e', payload: { n }, from: null }
    this.entries.push(entry)
    return entry
  }

  async head(): Promise<StreamHead | null> {
    const last = this.entries.at(-1)
    return last && !this.lost ? { seq: last.seq, id: last.id } : null
  }

  async readAfter(_topic: string, afterId: string, count: number) {
    this.reads++
    if (this.failing > 0) {
      this.failing--
      throw new Error('redis down')
    }
    const after = this.entries.filter((e) => !this.lost && ms(e.id) > ms(afterId))
    return { messages: after.slice(0, count), head: await this.head() }
  }
}

const ms = (id: string) => Number(id.split('-')[0])
const live = (e: StoredMessage): IncomingEvent => ({
  type: 'message',
  event: e.event,
  payload: e.payload,
  from: e.from,
  id: e.id,
  seq: e.seq,
})

async function started(stream = new FakeStream()) {
  const delivered: TopicEvent[] = []
  const errors: unknown[] = []
  const delivery = new TopicDelivery(
    'room:1',
    stream,
    (e) => delivered.push(e),
    (e) => errors.push(e),
  )
  await delivery.start()
  // What the listeners saw, in short: n of each message, 'gap', or the diff.
  const seen = () =>
    delivered.map((e) =>
      e.type === 'gap' ? 'gap' : e.type === 'message' ? (e.payload as { n: number }).n : e.type,
    )
  return { stream, delivery, seen, errors }
}

describe('TopicDelivery', () => {
  it('delivers what follows the head at start, once, in order', async () => {
    const stream = new FakeStream()
    stream.append(1)
    const { delivery, seen } = await started(stream)
    const [two, three] = [stream.append(2), stream.append(3)]
    delivery.receive(live(two))
    delivery.receive(live(two))
    delivery.receive(live(three))
    expect(seen()).toEqual([2, 3])
    expect(delivery.cursor).toEqual({ seq: 3, id: three.id })
  })

  it('passes presence diffs and plain publishes straight through', async () => {
    const { delivery, seen } = await started()
    delivery.receive({ type: 'presence_diff', joins: {}, leaves: {} })
    delivery.receive({ type: 'message', event: 'typing', payload: { n: 'x' }, from: 'c', id: null })
    expect(seen()).toEqual(['presence_diff', 'x'])
  })

  it('reads the stream when a publish was missed; what arrives meanwhile waits its turn', async () => {
    const { stream, delivery, seen } = await started()
    const [one, , , four] = [1, 2, 3, 4].map((n) => stream.append(n))
    delivery.receive(live(one as StoredMessage))
    delivery.receive(live(four as StoredMessage)) // 2 and 3 were never published to us
    const five = stream.append(5)
    delivery.receive(live(five))
    delivery.receive({ type: 'presence_diff', joins: {}, leaves: {} })
    expect(seen()).toEqual([1])
    expect(stream.reads).toBe(1) // the read started at once
    await delivery.catchUp() // (asks for one more read, to be sure)
    expect(seen()).toEqual([1, 2, 3, 4, 5, 'presence_diff'])
  })

  it('catchUp after a reconnect delivers the unannounced tail', async () => {
    const { stream, delivery, seen } = await started()
    for (let n = 1; n <= 3; n++) stream.append(n)
    await delivery.catchUp()
    expect(seen()).toEqual([1, 2, 3])
    await delivery.catchUp()
    expect(seen()).toEqual([1, 2, 3])
  })

  it('signals one gap when Redis lost the stream, then goes on from the new one', async () => {
    const { stream, delivery, seen } = await started()
    delivery.receive(live(stream.append(1)))
    delivery.receive(live(stream.append(2)))
    stream.entries = [] // restarted without persistence: numbering starts again
    const fresh = stream.append(1, 5000)
    delivery.receive(live(fresh))
    delivery.receive(live(stream.append(2, 5001)))
    expect(seen()).toEqual([1, 2, 'gap', 1, 2])
  })

  it('signals a gap when the head vanished with nothing new (found by catchUp)', async () => {
    const { stream, delivery, seen } = await started()
    delivery.receive(live(stream.append(1)))
    stream.lost = true
    await delivery.catchUp()
    expect(seen()).toEqual([1, 'gap'])
    expect(delivery.cursor).toEqual({ seq: 0, id: '0-0' })
    await delivery.catchUp()
    expect(seen()).toEqual([1, 'gap'])
  })

  it('signals a gap for entries trimmed before it could read them', async () => {
    const { stream, delivery, seen } = await started()
    delivery.receive(live(stream.append(1)))
    for (let n = 2; n <= 6; n++) stream.append(n)
    stream.entries = stream.entries.filter((e) => e.seq >= 5) // 2..4 trimmed
    delivery.receive(live(stream.append(7)))
    await delivery.catchUp()
    expect(seen()).toEqual([1, 'gap', 5, 6, 7])
  })

  it('retries a read that failed, holding events in order meanwhile', async () => {
    vi.useFakeTimers()
    try {
      const { stream, delivery, seen, errors } = await started()
      stream.append(1)
      stream.failing = 2
      const caughtUp = delivery.catchUp()
      delivery.receive(live(stream.append(2)))
      await vi.advanceTimersByTimeAsync(1000)
      await caughtUp
      expect(seen()).toEqual([1, 2])
      expect(errors).toHaveLength(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('audit catches up a head that stayed ahead for two audits, not an in-flight one', async () => {
    const { stream, delivery, seen } = await started()
    const one = stream.append(1)
    await delivery.audit() // 1 is in flight: noted, not read
    expect(stream.reads).toBe(0)
    delivery.receive(live(one))
    await delivery.audit()
    expect(stream.reads).toBe(0)
    stream.append(2) // published while the subscriber was away: never arrives
    await delivery.audit()
    await delivery.audit()
    expect(stream.reads).toBe(1)
    expect(seen()).toEqual([1, 2])
  })

  it('delivers nothing after close', async () => {
    const { stream, delivery, seen } = await started()
    delivery.close()
    delivery.receive(live(stream.append(1)))
    await delivery.catchUp()
    expect(seen()).toEqual([])
  })
})
