import { atom, type ReadableAtom } from 'nanostores'
import { createListeners } from '../../listeners.ts'
import { HISTORY } from '../../protocol/app/chat.ts'
import {
  MARK_ALL_READ,
  MARK_READ,
  NOTIFICATION,
  NOTIFICATIONS_STATE,
} from '../../protocol/app/notifications.ts'
import { defineFeature, type Feature } from '../define-feature.ts'
import { orderStreamIds, parseStreamId, stream } from '../stream.ts'
import { Inbox, type Notification } from './inbox.ts'
import { ReadTracker, readState } from './read-state.ts'

export type { Notification } from './inbox.ts'
export type { NotificationState } from './read-state.ts'

/**
 * Options of `notifications(channel, options)` (the first call's options win).
 *
 * @example
 * ```ts
 * notifications(channel, { pageSize: 20, maxItems: 100 })
 * ```
 */
export interface NotificationsOptions {
  /** Notifications per history page. Default 50. */
  pageSize?: number
  /** Notifications held; beyond it the oldest are dropped (and `$hasMore` is true). Default 200. */
  maxItems?: number
}

/**
 * A user's notifications: the items, the unread count, and marking them read.
 *
 * @example
 * ```ts
 * const { $items, $unread, markRead, markAllRead } = notifications(channel)
 * ```
 */
export interface Notifications {
  /** Newest first, each id once, with its `read` flag. Subscribing joins the channel. */
  readonly $items: ReadableAtom<readonly Notification[]>
  /**
   * How many are unread, as the server counts them (its state in the join reply and in
   * `notifications_state`), plus those that arrived since, less marks on their way.
   */
  readonly $unread: ReadableAtom<number>
  /** Whether older notifications than the oldest held remain. */
  readonly $hasMore: ReadableAtom<boolean>
  /**
   * Marks one read: at once here, then as the server answers (its new state replaces
   * ours). Rejects with a `PushError` if the server refuses; the mark is undone then.
   */
  markRead(id: string): Promise<void>
  /** Marks everything up to the newest notification known read, the same way. */
  markAllRead(): Promise<void>
  /** Loads the page before the oldest notification held. */
  loadOlder(): Promise<void>
  /** A notification arrived on the channel (for a toast); returns an unsubscribe. */
  on(event: 'notification', callback: (notification: Notification) => void): () => void
}

type Page = { notifications: unknown[]; more: boolean }

/**
 * The topic of a user's notifications, `user:<id>:notifications`.
 *
 * @example
 * ```ts
 * notifications(client.channel(notificationsTopic('carol')))
 * ```
 */
export function notificationsTopic(userId: string): string {
  return `user:${userId}:notifications`
}

/**
 * Notifications on a per-user stream channel, the protocol of docs/protocol.md
 * ("Notifications"), as served by `notificationsRoute` of `@wirestate/server`. The read
 * state lives on the server: every join asks for it (`state: true`), every tab gets its
 * changes, marks are optimistic until the server answers. The first join loads the latest
 * page; a rejoin resumes with `since`; a gap reloads the latest page.
 *
 * @example
 * ```ts
 * import { notifications, notificationsTopic } from '@wirestate/core/notifications'
 *
 * const inbox = notifications(client.channel(notificationsTopic('carol')))
 * inbox.$unread.subscribe((n) => (badge.textContent = n ? String(n) : '')) // joins
 * inbox.on('notification', (n) => toast(`${n.from}: ${n.body}`))
 * await inbox.markAllRead()
 * ```
 */
// The setup wires the parts (inbox, read state, paging) to the channel and the verbs.
export const notifications: Feature<Notifications, NotificationsOptions> = defineFeature(
  (ctx, options = {}) => {
    const { channel } = ctx
    const pageSize = positive('pageSize', options.pageSize, 50)
    const maxItems = positive('maxItems', options.maxItems, 200)
    const delivery = stream(channel)
    const $items = ctx.bind(atom<readonly Notification[]>([]))
    const $unread = ctx.bind(atom(0))
    const $hasMore = ctx.bind(atom(false))
    const inbox = new Inbox()
    const reads = new ReadTracker()
    const arrived = createListeners<Notification>(ctx.logger)
    let limit = maxItems
    // The latest page still to load: on the first join, or to replace stale items after a gap.
    let need: 'merge' | 'replace' | undefined = 'merge'
    let fresh: Set<string> | undefined
    let epoch = 0
    let older: Promise<void> | undefined
    let resumed = false

    const publish = () => {
      $items.set(inbox.publish(reads))
      $unread.set(reads.unread(inbox.ids(), (id) => inbox.pageRead(id)))
    }
    const request = (before: string | null) =>
      (
        channel.push(HISTORY, { before, limit: pageSize }) as Promise<Partial<Page> | undefined>
      ).then((r) => ({ notifications: r?.notifications ?? [], more: r?.more === true }))
    const merge = (page: Page) => {
      for (const n of page.notifications) inbox.add(n, (n as { read?: unknown })?.read === true)
    }

    function latest(): void {
      const replace = need === 'replace'
      const mine = ++epoch
      if (replace) fresh = new Set()
      request(null).then(
        (page) => {
          if (mine !== epoch) return
          if (replace) {
            const keep = fresh as Set<string>
            inbox.retain((id) => keep.has(id))
            limit = maxItems
          }
          merge(page)
          const dropped = inbox.trim(limit)
          need = fresh = undefined
          $hasMore.set(page.more || dropped > 0)
          const newest = (page.notifications.at(-1) as { id?: unknown } | undefined)?.id
          if (typeof newest === 'string') delivery.seen(newest)
          publish()
        },
        // Tried again on the next join.
        (error) => ctx.logger.warn('wirestate notifications: loading the latest failed', error),
      )
    }

    ctx.hook({
      params: () => ({ state: true }),
      joining: () => {
        resumed = delivery.lastId() !== undefined
      },
      joined: (response) => {
        const state = readState(response)
        if (state) reads.server(state)
        if (!resumed) need ??= 'merge'
        if (need) latest()
        publish()
      },
    })
    // A gap found by a rejoin is reloaded by `joined`; one reported while joined, now.
    delivery.onGap((gap) => {
      need = 'replace'
      if (gap.live) latest()
    })
    ctx.on<{ id: string }>(NOTIFICATION, (payload) => {
      if (!inbox.add(payload, false)) return
      reads.received(payload.id)
      fresh?.add(payload.id)
      if (inbox.trim(limit)) $hasMore.set(true)
      publish()
      const item = $items.value?.find((n) => n.id === payload.id)
      if (item) arrived.emit(item)
    })
    ctx.on(NOTIFICATIONS_STATE, (payload) => {
      const state = readState(payload)
      if (state) reads.server(state)
      publish()
    })

    /** Applies a mark now; the server's answer replaces it, a refusal undoes it. */
    const mark = (done: () => void, event: string, payload: object) => {
      publish()
      return channel.push(event, payload).then(
        (reply) => {
          done()
          const state = readState(reply)
          if (state) reads.server(state)
          publish()
        },
        (error: unknown) => {
          done()
          publish()
          throw error
        },
      )
    }

    return {
      $items,
      $unread,
      $hasMore,
      markRead(id) {
        if (!parseStreamId(id)) {
          throw new TypeError(
            `wirestate notifications: markRead needs a notification id, got ${id}`,
          )
        }
        if (reads.readByServer(id) || reads.readHere(id, inbox.pageRead(id))) {
          return Promise.resolve()
        }
        return mark(reads.marking(id), MARK_READ, { id })
      },
      markAllRead() {
        const [held] = inbox.ids()
        const known = reads.newest()
        const through = held && (!known || orderStreamIds(held, known) > 0) ? held : known
        if (!through) return Promise.resolve()
        return mark(reads.markingAll(through), MARK_ALL_READ, { through })
      },
      loadOlder() {
        if (older) return older
        const oldest = inbox.ids().at(-1)
        if (!$hasMore.value || !oldest) return Promise.resolve()
        const mine = epoch
        older = request(oldest)
          .then((page) => {
            if (mine !== epoch) return
            merge(page)
            limit = Math.max(limit, inbox.size)
            $hasMore.set(page.more)
            publish()
          })
          .finally(() => {
            older = undefined
          })
        return older
      },
      on: (_event, callback) => arrived.add(callback),
    }
  },
  'notifications',
)

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value <= 0) {
    throw new TypeError(
      `wirestate notifications: ${name} must be a whole number above 0, got ${value}`,
    )
  }
  return value
}
