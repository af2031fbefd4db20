import { type Chat, type ChatOptions, chat } from '@wirestate/core/chat'
import { type FeatureRefs, featureRefs } from './feature-refs.ts'
import { useClient } from './use-client.ts'

/**
 * What {@link useChat} returns: refs `messages` (stored in id order, then ours not yet
 * stored: `pending`, `failed`), `typing` (the others typing now), `hasMore` and `loading`;
 * and the chat's verbs.
 *
 * @example
 * ```ts
 * const { messages, typing, send, loadOlder }: UseChatResult = useChat('room:42')
 * ```
 */
export type UseChatResult = FeatureRefs<Chat>

/**
 * A chat room (`@wirestate/core/chat`) as refs: messages, typing, history, and optimistic
 * sends (`send` shows the message as `pending` at once, then `confirmed` or `failed`).
 * Joins the channel while the component is mounted; `options` count the first time the
 * chat is set up for the topic.
 *
 * @example
 * ```vue
 * <script setup lang="ts">
 * import { useChat } from '@wirestate/vue'
 * const { messages, send } = useChat('room:42', { user: 'ann' })
 * const draft = ref('')
 * </script>
 * <template>
 *   <p v-for="m of messages" :key="m.key" :class="m.status">{{ m.user }}: {{ m.body }}</p>
 *   <form @submit.prevent="send(draft), (draft = '')"><input v-model="draft" /></form>
 * </template>
 * ```
 */
export function useChat(topic: string, options?: ChatOptions): UseChatResult {
  return featureRefs(chat(useClient().channel(topic), options))
}
