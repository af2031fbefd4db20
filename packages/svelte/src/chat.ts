import { type Chat, type ChatOptions, chat as chatOf } from '@wirestate/core/chat'
import { getClient } from './client-context.ts'
import { serverSafe } from './server-render.ts'

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
 *   const room = chat('room:42', { user: 'ann' })
 *   const messages = room.$messages
 *   let draft = $state('')
 * </script>
 * {#each $messages as m (m.key)}<p class={m.status}>{m.user}: {m.body}</p>{/each}
 * <form onsubmit={(e) => { e.preventDefault(); room.send(draft); draft = '' }}>
 *   <input bind:value={draft} />
 * </form>
 * ```
 */
export function chat(topic: string, options?: ChatOptions): Chat {
  return serverSafe(chatOf(getClient().channel(topic), options))
}
