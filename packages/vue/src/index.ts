export type {
  ChannelEvents,
  MessageListener,
  PushReply,
  Received,
  ReceivedEvent,
  UnknownEvents,
} from '@wirestate/core'
export { clientKey, type WirestateOptions, wirestate } from './plugin.ts'
export { type UseChannelOptions, type UseChannelResult, useChannel } from './use-channel.ts'
export { useChannelEvent } from './use-channel-event.ts'
export { type UseChatResult, useChat } from './use-chat.ts'
export { useClient } from './use-client.ts'
export { useConnection, useConnectionStatus } from './use-connection.ts'
export { type UseNotificationsResult, useNotifications } from './use-notifications.ts'
export { type UsePresenceResult, usePresence } from './use-presence.ts'
