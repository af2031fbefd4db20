export type { Inbound, Outbound, ProtocolAdapter, ProtocolDefaults } from './adapter.ts'
export {
  CHAT_EVENTS,
  type ChatChangePayload,
  type ChatChannelEvents,
  type ChatHistoryPage,
  type ChatMessagePayload,
  DELETE_MSG,
  EDIT_MSG,
  HISTORY,
  type HistoryRequest,
  MSG_DELETED,
  MSG_EDITED,
  NEW_MSG,
  TYPING,
} from './app/chat.ts'
export {
  MARK_ALL_READ,
  MARK_READ,
  NOTIFICATION,
  NOTIFICATION_EVENTS,
  NOTIFICATIONS_STATE,
  type NotificationPayload,
  type NotificationStatePayload,
  type NotificationsPage,
} from './app/notifications.ts'
export {
  PRESENCE_DIFF,
  PRESENCE_STATE,
  PRESENCE_UPDATE,
  type PresenceChannelEvents,
  type PresenceDiff,
  type PresenceMeta,
  type PresenceState,
  type PresenceSyncCallbacks,
  syncDiff,
  syncState,
} from './app/presence.ts'
export { STREAM_GAP, type StreamGapPayload } from './app/stream.ts'
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
