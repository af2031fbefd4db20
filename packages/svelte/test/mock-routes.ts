import type { MockServer } from '@wirestate/testing'

/**
 * The chat protocol (docs/protocol.md, "Chat") on the mock, for one topic: `history`
 * pages from the topic's stream, and `new_msg` sends stored as `user`. Sends are held
 * until `release()`, so a test can see them pending first.
 */
export function serveChat(
  mock: MockServer,
  topic: string,
  user: string,
): { say(from: string, body: string): string; release(): void; held(): number } {
  const stream = mock.stream(topic)
  const held: Array<() => void> = []
  mock.onPush(topic, 'history', () => ({
    ok: {
      messages: stream.entries
        .filter((e) => e.event === 'new_msg')
        .map((e) => ({ ...e.payload, id: e.id })),
      more: false,
    },
  }))
  mock.onPush<Record<string, unknown>>(
    topic,
    'new_msg',
    (payload) =>
      new Promise((resolve) => {
        held.push(() => resolve({ ok: { id: stream.append('new_msg', { ...payload, user }) } }))
      }),
  )
  return {
    /** Someone else says something (stored and broadcast). */
    say: (from: string, body: string) => stream.append('new_msg', { body, user: from }),
    /** Stores and confirms the sends held so far. */
    release: () => {
      for (const store of held.splice(0)) store()
    },
    held: () => held.length,
  }
}

/**
 * The notifications protocol (docs/protocol.md, "Notifications") on the mock, for one
 * topic, with `read_through` as the only read state: the join and `mark_all_read` reply
 * with it, `history` pages from the topic's stream.
 */
export function serveNotifications(
  mock: MockServer,
  topic: string,
): { notify(body: string): string } {
  const stream = mock.stream(topic)
  let read = 0 // the first `read` entries are read
  const state = () => ({
    unread: stream.entries.length - read,
    latest: stream.lastId,
    read_through: stream.entries[read - 1]?.id ?? null,
    read: [],
  })
  mock.onJoin(topic, () => ({ ok: state() }))
  mock.onPush(topic, 'history', () => ({
    ok: {
      notifications: stream.entries.map((e, i) => ({ ...e.payload, id: e.id, read: i < read })),
      more: false,
    },
  }))
  mock.onPush<{ through?: string }>(topic, 'mark_all_read', ({ through }) => {
    read = stream.entries.findIndex((e) => e.id === through) + 1 || stream.entries.length
    mock.broadcast(topic, 'notifications_state', state())
    return { ok: state() }
  })
  return { notify: (body: string) => stream.append('notification', { body }) }
}
