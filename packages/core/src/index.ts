export { Channel } from './channel.ts'
export type {
  ChannelEvents,
  ChannelHooks,
  ChannelOptions,
  ChannelState,
  JoinOptions,
  MessageListener,
  OnceOptions,
  PushArgs,
  PushedEvent,
  PushOptions,
  PushPayload,
  PushReply,
  Received,
  ReceivedEvent,
  ReceivedMessage,
  UnknownEvents,
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
export type { ConnectionFactory, ConnectionHalf } from './connection/connection-half.ts'
export { ChannelError, ConnectionError, PushError } from './errors.ts'
export type { ConnectionEvent, ConnectionStatus, EventInit, SocketClose } from './events.ts'
export { defineFeature, type Feature, type FeatureContext } from './features/define-feature.ts'
export {
  INSPECT_HOOK,
  type InspectEntry,
  type InspectHook,
  type InspectListener,
} from './inspector.ts'
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
  type Preset,
  type RateLimitAction,
  type SignalSource,
  type SocketParams,
  type Timers,
  type WebSocketConstructor,
} from './options.ts'
export { type Presets, presets } from './presets.ts'
// The protocol adapter and the types the client's own API shows (frames in the inspect
// stream, a custom adapter's shape). Wire names (`WIRE`), the codec and the app
// protocol live in `@wirestate/core/protocol`: an app that needs them imports them there.
export type {
  Frame,
  Inbound,
  Message,
  Outbound,
  ProtocolAdapter,
  ProtocolDefaults,
} from './protocol/index.ts'
export { phoenixV2 } from './protocol/index.ts'
