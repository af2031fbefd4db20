import { MSG_DELETED, MSG_EDITED, NEW_MSG } from '../../protocol/app/chat.ts'
import { type ChatMessage, type MessageDraft, readMessage } from './message-list.ts'

/**
 * A server event on the chat channel, as it waits to be folded into the list.
 *
 * @example
 * ```ts
 * const frame: ChatFrame = { event: 'new_msg', payload: { id: '1795340286123-0', body: 'hi', user: 'bob' } }
 * ```
 */
export interface ChatFrame {
  event: string
  payload: unknown
}

/**
 * What folding a frame tells the chat.
 *
 * @example
 * ```ts
 * const effects: FoldEffects = { stored: outbox.stored, received: () => {}, edited: () => {}, deleted: () => {} }
 * ```
 */
export interface FoldEffects {
  /** A message sent from here came back from the server (live or replayed). */
  stored(clientId: string): void
  /** A message is in the list now; `news`: it was not there and was not sent from here. */
  received(message: ChatMessage, news: boolean): void
  edited(next: ChatMessage, prev: ChatMessage): void
  deleted(message: ChatMessage): void
}

/**
 * Folds chat frames into a draft of the list, as docs/protocol.md ("Chat") says:
 * `new_msg` adds a message (or confirms our own by its client id), `msg_edited` and
 * `msg_deleted` change the message named by `message_id` when their `rev` is newer than
 * the one held, and are ignored for a message not held.
 *
 * @example
 * ```ts
 * const folder = createFrameFolder(effects)
 * list.update((draft) => folder.fold(draft, { event: 'new_msg', payload }))
 * ```
 */
export interface FrameFolder {
  fold(draft: MessageDraft, frame: ChatFrame): void
  /**
   * Adds a stored message (from a frame or a history page): confirms our own optimistic
   * one by its client id, and never brings back one deleted meanwhile (a page read before
   * the delete). Says what it did.
   */
  insert(
    draft: MessageDraft,
    message: ChatMessage,
  ): 'own' | 'added' | 'replaced' | 'kept' | 'deleted'
}

// Deleted ids kept to stop a late page from bringing a message back; the oldest go first.
const MAX_TOMBSTONES = 1_000

/**
 * Creates a folder.
 *
 * @example
 * ```ts
 * const folder = createFrameFolder({ stored, received, edited, deleted })
 * ```
 */
export function createFrameFolder(effects: FoldEffects): FrameFolder {
  const tombstones = new Set<string>()

  const insert: FrameFolder['insert'] = (draft, message) => {
    if (tombstones.has(message.id as string)) return 'deleted'
    const { clientId } = message
    const own = clientId === undefined ? -1 : draft.indexOfPending(clientId)
    if (own < 0) return draft.insert(message)
    // Our optimistic message, stored: it keeps its key (and so its row).
    const mine = draft.removeAt(own) as ChatMessage
    draft.insert({ ...message, key: mine.key })
    effects.stored(clientId as string)
    return 'own'
  }

  function added(draft: MessageDraft, payload: unknown): void {
    const message = readMessage(payload)
    const outcome = message && insert(draft, message)
    if (outcome && outcome !== 'deleted') effects.received(message, outcome === 'added')
  }

  function changed(draft: MessageDraft, payload: unknown, deleted: boolean): void {
    const p = (payload ?? {}) as Record<string, unknown>
    const { message_id: id, rev } = p
    if (typeof id !== 'string' || typeof rev !== 'number') return
    if (deleted) remember(id)
    const i = draft.indexOf(id)
    const prev = draft.items[i]
    // A late or replayed change never undoes a newer one.
    if (!prev || rev <= prev.rev) return
    if (deleted) {
      draft.removeAt(i)
      effects.deleted(prev)
      return
    }
    const body = typeof p.body === 'string' ? p.body : prev.body
    const next = {
      ...prev,
      body,
      rev,
      ...(typeof p.edited_at === 'number' ? { editedAt: p.edited_at } : {}),
    }
    draft.items[i] = next
    effects.edited(next, prev)
  }

  function remember(id: string): void {
    tombstones.add(id)
    if (tombstones.size > MAX_TOMBSTONES)
      tombstones.delete(tombstones.values().next().value as string)
  }

  return {
    fold(draft, { event, payload }) {
      if (event === NEW_MSG) added(draft, payload)
      else if (event === MSG_EDITED) changed(draft, payload, false)
      else if (event === MSG_DELETED) changed(draft, payload, true)
    },
    insert,
  }
}
