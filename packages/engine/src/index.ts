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
  StreamGap,
  StreamRetention,
  Subscription,
  SubscriptionResumed,
  TopicEvent,
  TopicListener,
  TopicMessage,
} from './broker/broker.ts'
export { MemoryBroker, type MemoryBrokerOptions } from './broker/memory/memory-broker.ts'
export { MemoryHub } from './broker/memory/memory-hub.ts'
export type { Channel } from './channel/channel.ts'
export type {
  ChannelRoute,
  EventHandler,
  PresenceOptions,
  StreamOptions,
  TerminateReason,
} from './channel/channel-route.ts'
export type { DeferredReply, EventContext } from './channel/deferred-reply.ts'
export { PRESENCE_UPDATE_EVENT } from './channel/membership.ts'
export { isReply, type Reply, replyError, replyOk } from './channel/reply.ts'
export { type RouteMatch, Router, type RouteTable } from './channel/router.ts'
export { TopicPattern } from './channel/topic-pattern.ts'
export { CLOSE_CODES, Connection } from './connection/connection.ts'
export type { Transport } from './connection/transport.ts'
export { Engine, type EngineOptions } from './engine.ts'
export {
  CHAT_EVENTS,
  type ChatHistoryPage,
  type ChatMessage,
  type ChatRouteOptions,
  chatRoute,
} from './features/chat/index.ts'
export { defaultUserId, type UserIdOf } from './features/feature-user.ts'
export {
  NOTIFICATION_EVENTS,
  type NotificationState,
  type NotificationsRouteOptions,
  notificationsRoute,
} from './features/notifications/index.ts'
export { DEFAULT_LIMITS, type Limits } from './limits.ts'
export { type Logger, quietLogger, silentLogger } from './logger.ts'
export type { EngineObserver } from './observer.ts'
export { isPlainObject } from './stream/stream-payload.ts'
export type { OutboundFrame } from './wire/outbound-frames.ts'
export { SharedFrame } from './wire/shared-frame.ts'
