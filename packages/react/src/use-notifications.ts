import { useStore } from '@nanostores/react'
import {
  type Notification,
  type Notifications,
  type NotificationsOptions,
  notifications,
} from '@wirestate/core/notifications'
import { useClient } from './provider.tsx'

/**
 * What {@link useNotifications} returns: the notifications as values, and the verbs.
 *
 * @example
 * ```ts
 * const { items, unread, markAllRead }: UseNotificationsResult = useNotifications('user:7:notifications')
 * ```
 */
export interface UseNotificationsResult
  extends Omit<Notifications, '$items' | '$unread' | '$hasMore'> {
  /** Newest first, each with its `read` flag. */
  items: readonly Notification[]
  /** How many are unread. */
  unread: number
  /** Whether older notifications remain (`loadOlder()` gets them). */
  hasMore: boolean
}

/**
 * A user's notifications (`@wirestate/core/notifications`, topic
 * `user:<id>:notifications`): items, the unread count, and marks that show at once and
 * settle with the server's answer. Joins the channel while mounted (after commit).
 *
 * @example
 * ```tsx
 * function Bell({ user }: { user: string }) {
 *   const { items, unread, markAllRead } = useNotifications(`user:${user}:notifications`)
 *   return (
 *     <button onClick={() => markAllRead()} title={items[0]?.id}>
 *       🔔 {unread}
 *     </button>
 *   )
 * }
 * ```
 */
export function useNotifications(
  topic: string,
  options?: NotificationsOptions,
): UseNotificationsResult {
  const { $items, $unread, $hasMore, ...verbs } = notifications(useClient().channel(topic), options)
  return {
    ...verbs,
    items: useStore($items, { ssr: 'initial' }),
    unread: useStore($unread, { ssr: 'initial' }),
    hasMore: useStore($hasMore, { ssr: 'initial' }),
  }
}
