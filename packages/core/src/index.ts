export { Channel } from './channel.ts'
export type {
  ChannelHooks,
  ChannelOptions,
  ChannelState,
  JoinOptions,
  MessageListener,
  OnceOptions,
  PushOptions,
} from './channel-types.ts'
export { Client, createClient } from './client.ts'
export { type CloseClass, classifyClose } from './close-codes.ts'
export {
  type ChannelErrorCode,
  FATAL_JOIN_REASONS,
  type PushErrorCode,
  type StopReason,
} from './codes.ts'
export type { Command } from './commands.ts'
export type { Backoff } from './connection/backoff.ts'
export { ChannelError, ConnectionError, PushError } from './errors.ts'
export type { ConnectionEvent, ConnectionStatus, EventInit, SocketClose } from './events.ts'
export { defineFeature, type Feature, type FeatureContext } from './features/define-feature.ts'
export type { InspectEntry, InspectListener } from './inspector.ts'
export {
  createNotifyManager,
  type NotifyManager,
  type NotifyScheduler,
  notifyManager,
} from './notify.ts'
export {
  type ClientOptions,
  type ConnectContext,
  DEFAULT_OPTIONS,
  type Logger,
  type RateLimitAction,
  type SignalSource,
  type SocketParams,
  type Timers,
  type WebSocketConstructor,
} from './options.ts'
// The wire format, for custom adapters. Stream id helpers stay in `/protocol` and
// `/stream`: a client app does not need them in its main bundle.
export type {
  DecodeResult,
  Frame,
  Inbound,
  Message,
  Outbound,
  ProtocolAdapter,
  ProtocolDefaults,
  Sender,
  TextFields,
} from './protocol/index.ts'
export { decodeFrame, encodeFrame, parseText, phoenixV2, WIRE } from './protocol/index.ts'
