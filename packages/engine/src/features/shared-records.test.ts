import { describe, expect, it } from 'vitest'
import type { Broker } from '../broker/broker.ts'
import { MemoryBroker } from '../broker/memory/memory-broker.ts'
import { SharedRecords } from './shared-records.ts'

describe('SharedRecords', () => {
  it('keeps each feature under its own prefix', async () => {
    const broker = new MemoryBroker()
    await SharedRecords.of(broker, 'chat').swap('k', null, 'chat value', 1000)
    expect(await SharedRecords.of(broker, 'notifications').get('k')).toBeNull()
    expect(await broker.readRecords(['chat:k'])).toEqual(['chat value'])
    await broker.close()
  })

  it('says what a custom broker lacks', () => {
    const custom = { nodeId: 'custom', readRecords: async () => [] } as unknown as Broker
    expect(() => SharedRecords.of(custom, 'chat')).toThrow(
      /chat feature needs a broker with shared records: implement readRecords and swapRecord/,
    )
  })
})
