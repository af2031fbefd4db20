import { describe, expect, it } from 'vitest'
import type { PresenceState, TopicListener } from '../broker/broker.ts'
import { MemoryBroker } from '../broker/memory/memory-broker.ts'
import { silentLogger } from '../logger.ts'
import type { OutboundFrame } from '../wire/outbound-frames.ts'
import { type FanoutMember, TopicFanout } from './topic-fanout.ts'

function member(connectionId: string) {
  const frames: OutboundFrame[] = []
  const m: FanoutMember = { connectionId, deliver: (shared) => frames.push(shared.frame) }
  return { m, frames }
}

describe('TopicFanout', () => {
  it('encodes each broadcast once, whatever the number of members', async () => {
    const broker = new MemoryBroker()
    const fanout = new TopicFanout(broker, silentLogger)
    const members = Array.from({ length: 50 }, (_, i) => member(`c${i}`))
    for (const { m } of members) await fanout.add('room:1', m)
    let encoded = 0
    const payload = { toJSON: () => ({ body: 'hi', encodedTimes: ++encoded }) }
    await broker.publish('room:1', { event: 'new_msg', payload, from: null })
    await new Promise((resolve) => setImmediate(resolve))
    expect(encoded).toBe(1)
    for (const { frames } of members) {
      expect(frames).toEqual(['[null,null,"room:1","new_msg",{"body":"hi","encodedTimes":1}]'])
    }
    await broker.close()
  })

  it('skips the sender of a broadcastFrom and ends the subscription with the last member', async () => {
    const broker = new MemoryBroker()
    const fanout = new TopicFanout(broker, silentLogger)
    const [a, b] = [member('a'), member('b')]
    await fanout.add('room:1', a.m)
    await fanout.add('room:1', b.m)
    await broker.publish('room:1', { event: 'typing', payload: {}, from: 'a' })
    await new Promise((resolve) => setImmediate(resolve))
    expect([a.frames.length, b.frames.length]).toEqual([0, 1])
    fanout.remove('room:1', a.m)
    fanout.remove('room:1', b.m)
    expect(fanout.size).toBe(0)
    await broker.publish('room:1', { event: 'late', payload: {}, from: null })
    await new Promise((resolve) => setImmediate(resolve))
    expect(b.frames).toHaveLength(1)
    await broker.close()
  })

  it('answers a resumed subscription with one presence read, shown to presence members only', async () => {
    const { broker, resume } = resumable()
    const fanout = new TopicFanout(broker, silentLogger)
    const [shown, other] = [presenceMember('a'), member('b')]
    await fanout.add('room:1', shown.m)
    await fanout.add('room:1', other.m)
    await broker.track('room:1', { key: 'alice', ref: 'a1', meta: {} })
    await settle()
    shown.log.length = 0
    let reads = 0
    const list = broker.listPresence.bind(broker)
    broker.listPresence = (topic) => {
      reads++
      return list(topic)
    }
    resume()
    await settle()
    expect(reads).toBe(1)
    expect(shown.log).toEqual(['state alice'])
    expect(other.frames).toHaveLength(1) // the earlier join diff only
    await broker.close()
  })

  it('holds the diffs that arrive during the read and sends them after the state, in order', async () => {
    const { broker, resume } = resumable()
    const fanout = new TopicFanout(broker, silentLogger)
    const shown = presenceMember('a')
    await fanout.add('room:1', shown.m)
    let answer: (state: PresenceState) => void = () => {}
    broker.listPresence = () => new Promise((resolve) => (answer = resolve))
    resume()
    await broker.track('room:1', { key: 'bob', ref: 'b1', meta: {} })
    await broker.untrack('room:1', 'b1')
    await settle()
    expect(shown.log).toEqual([])
    answer({ alice: { metas: [{ phx_ref: 'a1' }] } })
    await settle()
    expect(shown.log).toEqual(['state alice', 'diff +bob', 'diff -bob'])
    await broker.track('room:1', { key: 'cat', ref: 'c1', meta: {} })
    await settle()
    expect(shown.log.at(-1)).toBe('diff +cat')
    await broker.close()
  })
})

const settle = () => new Promise((resolve) => setImmediate(resolve))

// A memory broker whose subscriptions can be told they resumed, as a Redis one
// is after its connection came back.
function resumable() {
  const broker = new MemoryBroker()
  const listeners: TopicListener[] = []
  const subscribe = broker.subscribe.bind(broker)
  broker.subscribe = (topic, listener) => {
    listeners.push(listener)
    return subscribe(topic, listener)
  }
  const resume = () => {
    for (const listener of listeners) listener({ type: 'resumed' })
  }
  return { broker, resume }
}

// A member shown presence: a log of the states it is shown and the diffs it gets.
function presenceMember(connectionId: string) {
  const log: string[] = []
  const m: FanoutMember = {
    connectionId,
    showsPresence: true,
    showPresence: (state) => log.push(`state ${Object.keys(state).join(',')}`),
    deliver: (shared) => {
      const [, , , , payload] = JSON.parse(shared.frame as string)
      const keys = (side: object, sign: string) => Object.keys(side).map((k) => `${sign}${k}`)
      log.push(`diff ${[...keys(payload.joins, '+'), ...keys(payload.leaves, '-')].join(',')}`)
    },
  }
  return { m, log }
}
