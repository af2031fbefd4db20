export type {
  ChannelEvents,
  MessageListener,
  PushReply,
  Received,
  ReceivedEvent,
  UnknownEvents,
} from '@wirestate/core'
export { useClient, WirestateProvider, type WirestateProviderProps } from './provider.tsx'
export { type UseChannelOptions, type UseChannelResult, useChannel } from './use-channel.ts'
export { useChannelEvent } from './use-channel-event.ts'
export { type UseChatResult, useChat } from './use-chat.ts'
export { useConnection, useConnectionStatus } from './use-connection.ts'
export { type UseNotificationsResult, useNotifications } from './use-notifications.ts'
export { type UsePresenceResult, usePresence } from './use-presence.ts'
