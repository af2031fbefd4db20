export { NOTIFICATION_EVENTS } from '@wirestate/core/protocol'
export { type NotificationsRouteOptions, notificationsRoute } from './notifications-route.ts'
export type { NotificationState } from './read-state.ts'
