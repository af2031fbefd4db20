import type { WritableAtom } from 'nanostores'
import type { Channel } from '../../channel.ts'
import type { Logger } from '../../options.ts'
import { HISTORY } from '../../protocol/app/chat.ts'
import type { StreamChannel } from '../stream.ts'
import {
  type ChatMessage,
  type MessageDraft,
  type MessageList,
  readMessage,
} from './message-list.ts'

/**
 * What history paging needs from the chat.
 *
 * @example
 * ```ts
 * const options: HistoryOptions = { channel, list, delivery, $hasMore, $loading, pageSize: 50, maxMessages: 500, insert: folder.insert, logger }
 * ```
 */
export interface HistoryOptions {
  channel: Channel
  list: MessageList
  delivery: StreamChannel
  $hasMore: WritableAtom<boolean>
  $loading: WritableAtom<boolean>
  pageSize: number
  maxMessages: number
  /** Adds a message of a page (`FrameFolder.insert`). */
  insert(draft: MessageDraft, message: ChatMessage): unknown
  logger: Logger
}

/**
 * The chat's history: the latest page on a join, older pages on demand, the reload after
 * a gap, and the window that bounds the list.
 *
 * @example
 * ```ts
 * const history = createHistory(options)
 * await history.older()
 * ```
 */
export interface History {
  /** The channel joined; `resumed`: it sent `since`, so the replay brings what was missed. */
  joined(resumed: boolean): void
  /** The stream had a gap: reload the latest page, replacing what is held. */
  gap(): void
  /** Loads the page before the oldest message held; one at a time. */
  older(): Promise<void>
  /** A message arrived live (messages since a gap survive the reload). */
  received(id: string): void
  /** Drops the oldest messages beyond the window after live messages were added. */
  fit(draft: MessageDraft): void
}

type Page = { messages: ChatMessage[]; more: boolean }

/**
 * Creates the history. The window holds `maxMessages` stored messages; pages the user
 * asks for with `older()` widen it to hold them, and a reload after a gap narrows it again.
 *
 * @example
 * ```ts
 * const history = createHistory({ channel, list, delivery, $hasMore, $loading, pageSize: 50, maxMessages: 500, insert, logger })
 * ```
 */
export function createHistory(o: HistoryOptions): History {
  const { list, $hasMore, $loading } = o
  let limit = o.maxMessages
  // The latest page still to load: on the first join, or to replace stale state after a gap.
  let need: 'merge' | 'replace' | undefined = 'merge'
  // A reload makes pages asked for before it stale.
  let epoch = 0
  let loads = 0
  let fresh: Set<string> | undefined
  let older: Promise<void> | undefined

  const request = (before: string | null): Promise<Page> => {
    loads++
    $loading.set(true)
    const done = () => $loading.set(--loads > 0)
    // A page as the server sent it: read defensively (readMessage skips what is malformed).
    const page = o.channel.push(HISTORY, { before, limit: o.pageSize }) as Promise<
      { messages?: unknown[]; more?: unknown } | undefined
    >
    return page
      .then((r) => {
        done()
        const messages = (r?.messages ?? []).map(readMessage).filter((m) => m !== undefined)
        return { messages, more: r?.more === true }
      })
      .catch((error: unknown) => {
        done()
        throw error
      })
  }

  const merge = (draft: MessageDraft, page: Page) => {
    for (const m of page.messages) o.insert(draft, m)
  }

  function latest(): void {
    const replace = need === 'replace'
    const mine = ++epoch
    if (replace) fresh = new Set()
    request(null).then(
      (page) => {
        if (mine !== epoch) return
        let dropped = 0
        list.update((draft) => {
          if (replace) {
            const keep = fresh as Set<string>
            draft.retain((m) => keep.has(m.id as string))
            limit = o.maxMessages
          }
          merge(draft, page)
          dropped = draft.trim(limit)
        })
        need = fresh = undefined
        $hasMore.set(page.more || dropped > 0)
        // Resume after this page: messages up to it are held now.
        const newest = page.messages.at(-1)?.id
        if (newest) o.delivery.seen(newest)
      },
      // Tried again on the next join.
      (error) => o.logger.warn('wirestate chat: loading the latest messages failed', error),
    )
  }

  return {
    joined(resumed) {
      if (!resumed) need ??= 'merge'
      if (need) latest()
    },
    gap() {
      need = 'replace'
    },
    older() {
      if (older) return older
      const oldest = list.confirmed ? list.value[0]?.id : undefined
      if (!$hasMore.value || !oldest) return Promise.resolve()
      const mine = epoch
      older = request(oldest)
        .then((page) => {
          if (mine !== epoch) return
          list.update((draft) => {
            merge(draft, page)
            limit = Math.max(limit, draft.confirmed)
          })
          $hasMore.set(page.more)
        })
        .finally(() => {
          older = undefined
        })
      return older
    },
    received(id) {
      fresh?.add(id)
    },
    fit(draft) {
      if (draft.trim(limit)) $hasMore.set(true)
    },
  }
}
