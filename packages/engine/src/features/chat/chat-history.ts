import { CHAT_EVENTS, type ChatHistoryPage } from '@wirestate/core/protocol'
import type { StreamEntry } from '../../broker/broker.ts'
import type { Channel } from '../../channel/channel.ts'
import { isPlainObject } from '../../stream/stream-payload.ts'
import type { HistoryRequest } from '../history-request.ts'
import type { ChatMessage } from './chat-message.ts'
import type { MessageRevisions, Revision } from './message-revisions.ts'

export type { ChatHistoryPage }

/**
 * Reads a page of messages as they are now: edits applied, deleted ones left out,
 * change entries skipped (their effect is in the messages), and nothing older
 * than `maxAgeMs` (due for trimming). It reads on until it has `limit` messages or
 * reaches the start, so a page is short only at the start of history.
 *
 * @example
 * ```ts
 * const page = await chatHistory(channel, revisions, { before: null, limit: 50 }, 86_400_000)
 * ```
 */
export async function chatHistory(
  channel: Channel<unknown>,
  revisions: MessageRevisions,
  request: HistoryRequest,
  maxAgeMs: number | undefined,
): Promise<ChatHistoryPage> {
  const oldest = maxAgeMs === undefined ? null : Date.now() - maxAgeMs
  let collected: ChatMessage[] = []
  let before = request.before
  for (;;) {
    const page = await channel.history(before, request.limit)
    const fresh = page.entries.filter((e) => oldest === null || msOf(e.id) >= oldest)
    const reachedEnd = !page.more || fresh.length < page.entries.length
    collected = [...(await currentMessages(channel.topic, revisions, fresh)), ...collected]
    if (collected.length > request.limit) {
      return { messages: collected.slice(-request.limit), more: true }
    }
    if (reachedEnd || page.entries.length === 0) return { messages: collected, more: false }
    if (collected.length === request.limit) return { messages: collected, more: true }
    before = page.entries[0]?.id ?? null
  }
}

async function currentMessages(
  topic: string,
  revisions: MessageRevisions,
  entries: readonly StreamEntry[],
): Promise<ChatMessage[]> {
  const sent = entries.filter((e) => e.event === CHAT_EVENTS.send && isPlainObject(e.payload))
  const changed = await revisions.of(
    topic,
    sent.map((e) => e.id),
  )
  const messages: ChatMessage[] = []
  for (const entry of sent) {
    const message = { ...(entry.payload as object), id: entry.id } as ChatMessage
    const revision = changed.get(entry.id)
    if (!revision) messages.push(message)
    else if (!revision.deleted) messages.push(edited(message, revision))
  }
  return messages
}

function edited(message: ChatMessage, revision: Revision): ChatMessage {
  const { body = message.body, rev, edited_at } = revision
  return edited_at === undefined ? { ...message, body, rev } : { ...message, body, rev, edited_at }
}

function msOf(id: string): number {
  return Number(id.slice(0, id.indexOf('-')))
}
