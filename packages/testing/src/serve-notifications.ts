import { HISTORY, MARK_ALL_READ, NOTIFICATION, NOTIFICATIONS_STATE } from '@wirestate/core/protocol'
import type { MockServer } from './mock-server.ts'

/**
 * What {@link serveNotifications} gives a test.
 *
 * @example
 * ```ts
 * const inbox: ServedNotifications = serveNotifications(mock, 'user:ann:notifications')
 * ```
 */
export interface ServedNotifications {
  /** A new notification: stored in the topic's stream and pushed; returns its id. */
  notify(body: string): string
}

/**
 * The notifications protocol (docs/protocol.md, "Notifications") on the mock for one
 * topic, with `read_through` as the only read state: the join and `mark_all_read` reply
 * with the state, `history` pages from the topic's stream.
 *
 * @example
 * ```ts
 * const inbox = serveNotifications(mock, 'user:ann:notifications')
 * inbox.notify('bob mentioned you')
 * ```
 */
export function serveNotifications(mock: MockServer, topic: string): ServedNotifications {
  const stream = mock.stream(topic)
  let read = 0 // the first `read` entries are read
  const state = () => ({
    unread: stream.entries.length - read,
    latest: stream.lastId,
    read_through: stream.entries[read - 1]?.id ?? null,
    read: [],
  })
  mock.onJoin(topic, () => ({ ok: state() }))
  mock.onPush(topic, HISTORY, () => ({
    ok: {
      notifications: stream.entries.map((e, i) => ({ ...e.payload, id: e.id, read: i < read })),
      more: false,
    },
  }))
  mock.onPush<{ through?: string }>(topic, MARK_ALL_READ, ({ through }) => {
    read = stream.entries.findIndex((e) => e.id === through) + 1 || stream.entries.length
    mock.broadcast(topic, NOTIFICATIONS_STATE, state())
    return { ok: state() }
  })
  return { notify: (body) => stream.append(NOTIFICATION, { body }) }
}
