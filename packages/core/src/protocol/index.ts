export type { Inbound, Outbound, ProtocolAdapter, ProtocolDefaults } from './adapter.ts'
export type { DecodeResult, Frame, Message } from './message.ts'
export { phoenixV2 } from './phoenix/adapter.ts'
export {
  decodeFrame,
  encodeFrame,
  parseText,
  type Sender,
  type TextFields,
} from './phoenix/serializer.ts'
export { WIRE } from './phoenix/wire.ts'
export {
  compareStreamIds,
  formatStreamId,
  nextStreamId,
  parseStreamId,
  type StreamIdParts,
} from './stream-id.ts'
