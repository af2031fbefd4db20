import { describe, expect, it } from 'vitest'
import { MemoryBroker } from './memory-broker.ts'

// The broker contract (test/broker-contract.ts of @wirestate/server, shared with the
// Redis broker) runs over MemoryBroker in server/test/memory-broker-contract.test.ts.
describe('MemoryBroker', () => {
  it('refuses work after close and says what to do', async () => {
    const broker = new MemoryBroker()
    await broker.close()
    await expect(broker.publish('t', { event: 'e', payload: {}, from: null })).rejects.toThrow(
      /create a new broker/,
    )
  })

  it('gives ids in the same millisecond increasing sequence numbers', async () => {
    let now = 1_700_000_000_000
    const broker = new MemoryBroker({ now: () => now })
    const message = { event: 'e', payload: {}, from: null }
    const ids = []
    ids.push((await broker.append('t', message, {})).id)
    ids.push((await broker.append('t', message, {})).id)
    now -= 5 // a clock stepping back must not make ids go back
    ids.push((await broker.append('t', message, {})).id)
    now += 10
    ids.push((await broker.append('t', message, {})).id)
    expect(ids).toEqual([
      '1700000000000-0',
      '1700000000000-1',
      '1700000000000-2',
      '1700000000005-0',
    ])
    await broker.close()
  })

  it('treats a presence key named __proto__ as an ordinary key', async () => {
    const broker = new MemoryBroker()
    await broker.track('t', { key: '__proto__', ref: 'r1', meta: {} })
    const state = await broker.listPresence('t')
    expect(Object.keys(state)).toEqual(['__proto__'])
    expect(JSON.stringify(state)).toBe('{"__proto__":{"metas":[{"phx_ref":"r1"}]}}')
    await broker.close()
  })
})
