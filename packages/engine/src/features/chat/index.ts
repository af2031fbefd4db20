export type { ChatHistoryPage } from './chat-history.ts'
export { CHAT_EVENTS, type ChatMessage } from './chat-message.ts'
export type { ChatRouteOptions } from './chat-options.ts'
export { chatRoute } from './chat-route.ts'
