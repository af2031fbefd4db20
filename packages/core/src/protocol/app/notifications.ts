// The notifications protocol (docs/protocol.md, "Notifications"): event names and payload
// shapes, for the client's feature, the server's route, the test kit and devtools.
import { HISTORY } from './chat.ts'

/** Server → clients: a notification, stored in the user's stream. */
export const NOTIFICATION = 'notification'
/** Server → the user's tabs: the read state after a change. */
export const NOTIFICATIONS_STATE = 'notifications_state'
/** Client → server: mark one notification read. */
export const MARK_READ = 'mark_read'
/** Client → server: mark everything up to an id read. */
export const MARK_ALL_READ = 'mark_all_read'

/**
 * The notifications' event names, in one object (`history` is the chat's).
 *
 * @example
 * ```ts
 * await server.broadcast('user:bob:notifications', NOTIFICATION_EVENTS.notification, { kind: 'mention' })
 * ```
 */
export const NOTIFICATION_EVENTS: {
  readonly notification: 'notification'
  readonly state: 'notifications_state'
  readonly markRead: 'mark_read'
  readonly markAllRead: 'mark_all_read'
  readonly history: 'history'
} = {
  notification: NOTIFICATION,
  state: NOTIFICATIONS_STATE,
  markRead: MARK_READ,
  markAllRead: MARK_ALL_READ,
  history: HISTORY,
}

/**
 * The read state on the wire: in the join reply (join payload `state: true`), in
 * `notifications_state` and in the replies to `mark_read` / `mark_all_read`.
 *
 * @example
 * ```ts
 * const state: NotificationStatePayload = { unread: 2, latest: '1700000000000-1', read_through: null, read: [] }
 * ```
 */
export interface NotificationStatePayload {
  readonly unread: number
  /** The newest notification the state covers; `null`: none stored. */
  readonly latest: string | null
  /** Everything up to this id is read; `null`: nothing. */
  readonly read_through: string | null
  /** Ids after `read_through` read one by one. */
  readonly read: readonly string[]
}

/**
 * A notification as a `history` page holds it: the application's fields, its stream
 * `id`, and whether it is read.
 *
 * @example
 * ```ts
 * const item: NotificationPayload = { id: '1700000000000-0', read: false, kind: 'mention' }
 * ```
 */
export interface NotificationPayload {
  readonly id: string
  readonly read?: boolean
  readonly [field: string]: unknown
}

/**
 * The reply to `history` on a notifications topic, oldest first.
 *
 * @example
 * ```ts
 * const page: NotificationsPage = { notifications: [], more: false }
 * ```
 */
export interface NotificationsPage {
  readonly notifications: readonly NotificationPayload[]
  readonly more: boolean
}
