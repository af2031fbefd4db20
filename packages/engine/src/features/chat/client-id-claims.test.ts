import { describe, expect, it } from 'vitest'
import { MemoryBroker } from '../../broker/memory/memory-broker.ts'
import { SharedRecords } from '../shared-records.ts'
import { ClientIdClaims } from './client-id-claims.ts'

function deferred(): { promise: Promise<string>; resolve(id: string): void } {
  let resolve: (id: string) => void = () => {}
  const promise = new Promise<string>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

describe('ClientIdClaims', () => {
  it('answers a repeat "in progress" while the first send is storing, then its id', async () => {
    const broker = new MemoryBroker()
    const records = SharedRecords.of(broker, 'chat')
    const claims = new ClientIdClaims(records, { windowMs: 60_000, waitMs: 60 })
    const storing = deferred()
    const first = claims.once('room:1', 'alice', 'c-1', () => storing.promise)
    let stores = 0
    const store = async () => `other-${++stores}`
    expect(await claims.once('room:1', 'alice', 'c-1', store)).toBe('in progress')
    storing.resolve('1-0')
    expect(await first).toEqual({ id: '1-0', stored: true })
    expect(await claims.once('room:1', 'alice', 'c-1', store)).toEqual({ id: '1-0', stored: false })
    expect(stores).toBe(0)
    await broker.close()
  })

  it('releases the claim when storing fails, so a retry stores the message', async () => {
    const broker = new MemoryBroker()
    const claims = new ClientIdClaims(SharedRecords.of(broker, 'chat'), {
      windowMs: 60_000,
      waitMs: 0,
    })
    const failing = async (): Promise<string> => {
      throw new Error('broker down')
    }
    await expect(claims.once('room:1', 'alice', 'c-2', failing)).rejects.toThrow('broker down')
    expect(await claims.once('room:1', 'alice', 'c-2', async () => '2-0')).toEqual({
      id: '2-0',
      stored: true,
    })
    await broker.close()
  })

  it('stores once when the claim was applied but its reply lost and the swap sent again', async () => {
    const broker = new MemoryBroker()
    const swap = broker.swapRecord.bind(broker)
    // As ioredis does after a reconnect: the first swap ran, its reply never came,
    // the same command runs again and answers with what the first one wrote.
    broker.swapRecord = async (...args) => {
      await swap(...args)
      return swap(...args)
    }
    const claims = new ClientIdClaims(SharedRecords.of(broker, 'chat'), {
      windowMs: 60_000,
      waitMs: 0,
    })
    let stores = 0
    const store = async () => `${++stores}-0`
    expect(await claims.once('room:1', 'alice', 'c-3', store)).toEqual({ id: '1-0', stored: true })
    expect(await claims.once('room:1', 'alice', 'c-3', store)).toEqual({ id: '1-0', stored: false })
    expect(stores).toBe(1)
    await broker.close()
  })
})
