import { useStore } from '@nanostores/react'
import { type Chat, type ChatMessage, type ChatOptions, chat } from '@wirestate/core/chat'
import { useClient } from './provider.tsx'

/**
 * What {@link useChat} returns: the chat's state as values, and its verbs.
 *
 * @example
 * ```ts
 * const { messages, typing, send, loadOlder }: UseChatResult = useChat('room:42')
 * ```
 */
export interface UseChatResult
  extends Omit<Chat, '$messages' | '$typing' | '$hasMore' | '$loading'> {
  /** Stored messages in id order, then ours not yet stored (`pending`, `failed`). */
  messages: readonly ChatMessage[]
  /** User ids of the others typing now. */
  typing: readonly string[]
  /** Whether older messages remain (`loadOlder()` gets them). */
  hasMore: boolean
  /** Whether a history page is on its way. */
  loading: boolean
}

/**
 * A chat room (`@wirestate/core/chat`): messages, typing, history, and optimistic sends
 * that show `pending`, then `confirmed` or `failed`. Joins the channel while mounted
 * (after commit; rendering, on the server too, joins nothing); a burst of messages renders
 * at most twice per core flush, not once per message.
 * `options` count the first time the chat is set up for the topic.
 *
 * @example
 * ```tsx
 * function Room({ topic }: { topic: string }) {
 *   const { messages, send } = useChat(topic, { user: 'ann' })
 *   return (
 *     <>
 *       <ul>
 *         {messages.map((m) => <li key={m.key}>{m.user}: {m.body} ({m.status})</li>)}
 *       </ul>
 *       <button onClick={() => send('hello')}>Say hello</button>
 *     </>
 *   )
 * }
 * ```
 */
export function useChat(topic: string, options?: ChatOptions): UseChatResult {
  const { $messages, $typing, $hasMore, $loading, ...verbs } = chat(
    useClient().channel(topic),
    options,
  )
  return {
    ...verbs,
    messages: useStore($messages, { ssr: 'initial' }),
    typing: useStore($typing, { ssr: 'initial' }),
    hasMore: useStore($hasMore, { ssr: 'initial' }),
    loading: useStore($loading, { ssr: 'initial' }),
  }
}
