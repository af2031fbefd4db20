export { type NotificationsRouteOptions, notificationsRoute } from './notifications-route.ts'
export { NOTIFICATION_EVENTS, type NotificationState } from './read-state.ts'
