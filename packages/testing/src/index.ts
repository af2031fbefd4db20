export type { MockServerError, RecordedFrame } from './frame-record.ts'
export type {
  ConnectionInfo,
  JoinContext,
  JoinHandler,
  PushContext,
  PushHandler,
} from './handler-context.ts'
export { createManualClock, type ManualClock } from './manual-clock.ts'
export type { MockPresence, PresenceDiff, PresenceMeta, PresenceState } from './mock-presence.ts'
export { createMockServer, MockServer } from './mock-server.ts'
export type { ConnectHandler, MockServerOptions } from './mock-server-options.ts'
export type { MockSocket } from './mock-socket.ts'
export type { MockStream, StreamEntry } from './mock-stream.ts'
export type { JoinResult, PushResult, Reply } from './reply.ts'
export { type ServedChat, serveChat, serveChatHistory } from './serve-chat.ts'
export { type ServedNotifications, serveNotifications } from './serve-notifications.ts'
export { TEST_RECONNECT } from './test-clients.ts'
