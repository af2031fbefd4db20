import type { WritableAtom } from 'nanostores'
import type { PushErrorCode } from '../../codes.ts'
import { orderStreamIds, parseStreamId } from '../stream.ts'

/**
 * Where a message stands: `pending` (sent from here, not yet stored), `confirmed` (stored
 * by the server, it has an `id`), or `failed` (see `error`; `retry` sends it again).
 *
 * @example
 * ```ts
 * const status: MessageStatus = 'pending'
 * ```
 */
export type MessageStatus = 'pending' | 'confirmed' | 'failed'

/**
 * One chat message. Never changed in place: an edit or a confirmation makes a new object,
 * so an unchanged message keeps its reference (memoized rows stay cheap).
 *
 * @example
 * ```ts
 * const m: ChatMessage = { key: 'c-1', id: '1795340286123-0', body: 'hi', user: 'ann', clientId: 'c-1', rev: 0, status: 'confirmed' }
 * ```
 */
export interface ChatMessage {
  /**
   * A key for list rendering that never changes: the client id for a message sent from
   * here (so the row survives its confirmation), else the id.
   */
  readonly key: string
  /** The stream id the server stored it under; `undefined` until then. */
  readonly id: string | undefined
  readonly body: string
  /** The author's user id; for a message not yet stored, the chat's `user` option. */
  readonly user: string | undefined
  /** The id the sender gave it, so the server stores it once. */
  readonly clientId?: string
  /** How many edits (and deletes) it had; 0 when never edited. */
  readonly rev: number
  /** When it was last edited (unix ms); absent when never edited. */
  readonly editedAt?: number
  readonly status: MessageStatus
  /** Why it failed: the server's reason, or a `PushErrorCode` (`timeout`, `rate_limited`, ...). */
  readonly error?: string
  /**
   * The `PushErrorCode` of the failure (`error` when the server refused it), so a UI can
   * tell what may succeed later (`timeout`, `rate_limited`, ...) from what will not.
   */
  readonly errorCode?: PushErrorCode
}

/**
 * Reads a message as the server sends it (`new_msg`, `history` pages); `undefined` when it
 * has no stream id or no body.
 *
 * @example
 * ```ts
 * readMessage({ id: '1795340286123-0', body: 'hi', user: 'ann', client_id: 'c-1' })?.clientId // 'c-1'
 * ```
 */
export function readMessage(payload: unknown): ChatMessage | undefined {
  const p = payload as Record<string, unknown> | null
  const id = p?.id
  if (!p || typeof p.body !== 'string' || !parseStreamId(id)) return undefined
  const { body, user, client_id: clientId, rev, edited_at: editedAt } = p
  return {
    key: id as string,
    id: id as string,
    body,
    user: typeof user === 'string' ? user : undefined,
    ...(typeof clientId === 'string' ? { clientId } : {}),
    rev: typeof rev === 'number' ? rev : 0,
    ...(typeof editedAt === 'number' ? { editedAt } : {}),
    status: 'confirmed',
  }
}

/**
 * A copy of the list being changed. Stored messages come first, ordered by id; messages
 * not yet stored (pending, failed) follow in the order they were sent. Lookups by id are
 * binary searches; inserting in order (the usual case) checks the last one first.
 *
 * @example
 * ```ts
 * list.update((draft) => draft.insert(message))
 * ```
 */
export class MessageDraft {
  readonly items: ChatMessage[]
  /** How many stored messages lead the list. */
  confirmed: number

  constructor(items: ChatMessage[], confirmed: number) {
    this.items = items
    this.confirmed = confirmed
  }

  /** Where the stored message with this id is, or -1. */
  indexOf(id: string): number {
    const i = this.#position(id)
    return this.items[i]?.id === id && i < this.confirmed ? i : -1
  }

  /** Where the unstored message with this client id is, or -1. */
  indexOfPending(clientId: string): number {
    for (let i = this.confirmed; i < this.items.length; i++) {
      if (this.items[i]?.clientId === clientId) return i
    }
    return -1
  }

  /**
   * Adds a stored message in id order, or replaces the one with its id unless that one
   * is at a later revision. Keeps the key the list already had for it.
   */
  insert(message: ChatMessage): 'added' | 'replaced' | 'kept' {
    const i = this.#position(message.id as string)
    const held = this.items[i]
    if (held && i < this.confirmed && held.id === message.id) {
      if (held.rev > message.rev) return 'kept'
      this.items[i] = { ...message, key: held.key }
      return 'replaced'
    }
    this.items.splice(i, 0, message)
    this.confirmed++
    return 'added'
  }

  /** Removes the message at `i`. */
  removeAt(i: number): ChatMessage | undefined {
    if (i < this.confirmed) this.confirmed--
    return this.items.splice(i, 1)[0]
  }

  /** Adds a message not yet stored, after the others. */
  append(message: ChatMessage): void {
    this.items.push(message)
  }

  /** Drops the oldest stored messages beyond `limit`; returns how many. */
  trim(limit: number): number {
    const excess = this.confirmed - limit
    if (excess <= 0) return 0
    this.items.splice(0, excess)
    this.confirmed = limit
    return excess
  }

  /** Drops the stored messages `keep` says no to (unstored ones stay). */
  retain(keep: (message: ChatMessage) => boolean): void {
    const { items } = this
    let kept = 0
    for (let i = 0; i < this.confirmed; i++) {
      const message = items[i] as ChatMessage
      if (keep(message)) items[kept++] = message
    }
    items.splice(kept, this.confirmed - kept)
    this.confirmed = kept
  }

  /** Where a stored message with this id is or would go. */
  #position(id: string): number {
    let lo = 0
    let hi = this.confirmed
    // Messages mostly arrive in order: check the end before searching.
    const last = this.items[hi - 1]
    if (!last || orderStreamIds(id, last.id as string) > 0) return hi
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (orderStreamIds((this.items[mid] as ChatMessage).id as string, id) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/**
 * The published list: every `update` works on one copy and publishes it, so however many
 * changes an update makes, the list is copied once and subscribers see one new array.
 *
 * @example
 * ```ts
 * const list = new MessageList(atom<readonly ChatMessage[]>([]))
 * list.update((draft) => draft.append(pending))
 * ```
 */
export class MessageList {
  readonly #store: WritableAtom<readonly ChatMessage[]>
  #confirmed = 0

  constructor(store: WritableAtom<readonly ChatMessage[]>) {
    this.#store = store
  }

  /** The messages now (`.value`: reading never joins the channel). */
  get value(): readonly ChatMessage[] {
    return this.#store.value as readonly ChatMessage[]
  }

  /** How many stored messages the list holds. */
  get confirmed(): number {
    return this.#confirmed
  }

  /** Changes a copy of the list and publishes it. */
  update(change: (draft: MessageDraft) => void): void {
    const draft = new MessageDraft(this.value.slice(), this.#confirmed)
    change(draft)
    this.#confirmed = draft.confirmed
    this.#store.set(draft.items)
  }
}
