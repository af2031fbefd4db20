import {
  type Notifications,
  type NotificationsOptions,
  notifications as notificationsOf,
} from '@wirestate/core/notifications'
import { getClient } from './client-context.ts'

/**
 * A user's notifications on `topic` (core's `notifications`): `$items` (newest first, each
 * with `read`), `$unread`, `$hasMore` (each joins while subscribed), and `markRead`,
 * `markAllRead`, `loadOlder`, `on('notification', ...)`.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { notificationsTopic } from '@wirestate/core/notifications'
 *   import { notifications } from '@wirestate/svelte'
 *   const inbox = notifications(notificationsTopic('carol'))
 *   const unread = inbox.$unread
 * </script>
 * <button onclick={() => inbox.markAllRead()}>{$unread} unread</button>
 * ```
 */
export function notifications(topic: string, options?: NotificationsOptions): Notifications {
  return notificationsOf(getClient().channel(topic), options)
}
