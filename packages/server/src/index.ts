export type {
  Broker,
  HistoryPage,
  OutgoingMessage,
  PresenceDiff,
  PresenceEntry,
  PresenceMeta,
  PresenceState,
  SinceResult,
  StreamEntry,
  StreamRetention,
  Subscription,
  TopicEvent,
  TopicListener,
  TopicMessage,
} from './broker/broker.ts'
export { MemoryBroker, type MemoryBrokerOptions } from './broker/memory/memory-broker.ts'
export { MemoryHub } from './broker/memory/memory-hub.ts'
export { type BrokerChoice, selectBroker } from './broker/select-broker.ts'
export {
  compareStreamIds,
  formatStreamId,
  parseStreamId,
  type StreamIdParts,
} from './broker/stream-id.ts'
