import { MemoryBroker, MemoryHub } from '@wirestate/engine'
import { describeBrokerContract } from './broker-contract.ts'

describeBrokerContract('memory', async () => {
  const hub = new MemoryHub()
  return {
    node: async () => new MemoryBroker({ hub, livenessIntervalMs: 50, livenessTimeoutMs: 150 }),
    crash: async (node) => (node as MemoryBroker).abandon(),
    livenessBoundMs: 200,
    destroy: async () => {},
  }
})
