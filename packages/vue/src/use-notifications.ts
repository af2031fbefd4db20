import {
  type Notifications,
  type NotificationsOptions,
  notifications,
} from '@wirestate/core/notifications'
import { type FeatureRefs, featureRefs } from './feature-refs.ts'
import { useClient } from './use-client.ts'

/**
 * What {@link useNotifications} returns: refs `items` (newest first, each with `read`),
 * `unread` and `hasMore`; and `markRead`, `markAllRead`, `loadOlder`, `on`.
 *
 * @example
 * ```ts
 * const { items, unread, markRead }: UseNotificationsResult = useNotifications(topic)
 * ```
 */
export type UseNotificationsResult = FeatureRefs<Notifications>

/**
 * A user's notifications (`@wirestate/core/notifications`) as refs; joins the channel
 * while the component is mounted. Marks are optimistic; the server keeps the read state.
 *
 * @example
 * ```vue
 * <script setup lang="ts">
 * import { notificationsTopic } from '@wirestate/core/notifications'
 * import { useNotifications } from '@wirestate/vue'
 * const { items, unread, markAllRead } = useNotifications(notificationsTopic('carol'))
 * </script>
 * <template>
 *   <button @click="markAllRead()">{{ unread }} unread</button>
 *   <p v-for="n of items" :key="n.id" :class="{ read: n.read }">{{ n.body }}</p>
 * </template>
 * ```
 */
export function useNotifications(
  topic: string,
  options?: NotificationsOptions,
): UseNotificationsResult {
  return featureRefs(notifications(useClient().channel(topic), options))
}
