import { describe, expect, it } from 'vitest'
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
})
