import { type Chat, type ChatOptions, chat as chatOf } from '@wirestate/core/chat'
import { getClient } from './client-context.ts'

/**
 * The chat of `topic` (core's `chat`): `$messages`, `$typing`, `$hasMore`, `$loading` (each
 * joins while subscribed), and `send` (the message shows as `pending` at once, then
 * `confirmed` or `failed`), `retry`, `discard`, `edit`, `remove`, `loadOlder`,
 * `setTyping`, `on`.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { chat } from '@wirestate/svelte'
 *   let { topic }: { topic: string } = $props()
 *   const room = $derived(chat(topic, { user: 'ann' }))
 *   const messages = $derived(room.$messages)
 *   let draft = $state('')
 * </script>
 * {#each $messages as m (m.key)}<p class={m.status}>{m.user}: {m.body}</p>{/each}
 * <form onsubmit={(e) => { e.preventDefault(); room.send(draft); draft = '' }}>
 *   <input bind:value={draft} />
 * </form>
 * ```
 */
export function chat(topic: string, options?: ChatOptions): Chat {
  return chatOf(getClient().channel(topic), options)
}
