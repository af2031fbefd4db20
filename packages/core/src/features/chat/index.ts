import { atom, type ReadableAtom } from 'nanostores'
import {
  DELETE_MSG,
  EDIT_MSG,
  MSG_DELETED,
  MSG_EDITED,
  NEW_MSG,
  TYPING,
} from '../../protocol/app/chat.ts'
import { defineFeature, type Feature } from '../define-feature.ts'
import { stream } from '../stream.ts'
import { type ChatEvents, createChatEvents } from './chat-events.ts'
import { type ChatFrame, createFrameFolder } from './fold-frames.ts'
import { createFoldQueue } from './fold-queue.ts'
import { createHistory } from './history.ts'
import { type ChatMessage, MessageList } from './message-list.ts'
import { createOutbox } from './outbox.ts'
import { createTyping } from './typing.ts'

export type { ChatEvents } from './chat-events.ts'
export type { ChatMessage, MessageStatus } from './message-list.ts'
export { createClientId } from './outbox.ts'

/**
 * Options of `chat(channel, options)` (the first call's options win).
 *
 * @example
 * ```ts
 * chat(room, { user: 'ann', pageSize: 30, maxMessages: 300 })
 * ```
 */
export interface ChatOptions {
  /** Our own user id: the author shown on messages not yet stored; left out of `$typing`. */
  user?: string
  /** Messages per history page. Default 50. */
  pageSize?: number
  /** Stored messages held; beyond it the oldest are dropped (and `$hasMore` is true). Default 500. */
  maxMessages?: number
  /** Someone's typing indicator goes away when not renewed for this long (ms). Default 5 000. */
  typingExpireMs?: number
  /** While we type, `setTyping(true)` sends at most once per this many ms. Default 2 000. */
  typingThrottleMs?: number
}

/**
 * A chat room: messages as atoms, optimistic sends, history, typing, edit and delete.
 *
 * @example
 * ```ts
 * const { $messages, send, loadOlder } = chat(client.channel('room:42'))
 * ```
 */
export interface Chat {
  /**
   * Stored messages in id order, then ours not yet stored (pending, failed) in the order
   * sent. Each id once. Subscribing joins the channel.
   */
  readonly $messages: ReadableAtom<readonly ChatMessage[]>
  /** User ids of the others typing now. Subscribing joins the channel. */
  readonly $typing: ReadableAtom<readonly string[]>
  /** Whether older messages than the oldest held remain (`loadOlder()` gets them). */
  readonly $hasMore: ReadableAtom<boolean>
  /** Whether a history page is on its way. */
  readonly $loading: ReadableAtom<boolean>
  /**
   * Sends a message: it shows as `pending` at once, with a new client id, and becomes
   * `confirmed` (with its id) or `failed` (with `error`). Unconfirmed messages are sent
   * again after a reconnect; the client id makes the server store each once. Throws
   * on an empty body.
   */
  send(body: string): ChatMessage
  /** Sends a failed message again (same client id). */
  retry(clientId: string): void
  /**
   * Removes a message not yet stored from the list; it is not sent again (one already on
   * its way may still be stored, and then shows up).
   */
  discard(clientId: string): void
  /** Edits one of our stored messages; the change shows when the server broadcasts it. */
  edit(id: string, body: string): Promise<void>
  /** Deletes one of our stored messages; it goes when the server broadcasts the delete. */
  remove(id: string): Promise<void>
  /** Loads the page before the oldest message held; resolves at once if `$hasMore` is false. */
  loadOlder(): Promise<void>
  /** Tells the others whether we are typing; `true` is throttled, `false` sent at once. */
  setTyping(typing: boolean): void
  /** Listens to `message`, `edited` or `deleted`; returns an unsubscribe. */
  on<E extends keyof ChatEvents>(event: E, callback: (...args: ChatEvents[E]) => void): () => void
}

const CHANGES = [NEW_MSG, MSG_EDITED, MSG_DELETED]

/**
 * A chat on a stream channel, the protocol of docs/protocol.md ("Chat"), as served by
 * `chatRoute` of `@wirestate/server`. The first join loads the latest page; a rejoin
 * resumes with `since`, and a gap (`recovered: false`) reloads the latest page,
 * replacing stale messages and keeping ours not yet stored. A burst of messages updates
 * `$messages` at most twice per flush, copying the list once each time.
 *
 * When the channel leaves, `$messages` keeps what it holds (the next join resumes from
 * it) and our messages still pending fail with `channel_closed`.
 *
 * @example
 * ```ts
 * import { chat } from '@wirestate/core/chat'
 *
 * const room = chat(client.channel('room:42'), { user: 'ann' })
 * room.$messages.subscribe((messages) => render(messages)) // joins
 * room.on('edited', (next, prev) => console.log(prev.body, '→', next.body))
 * const pending = room.send('hello')
 * if (pending.status === 'failed') room.retry(pending.clientId as string)
 * ```
 */
// The setup only wires the parts together (each lives in its own file): the list, the
// outbox, history, typing and events, the channel hooks that drive them, and the verbs.
export const chat: Feature<Chat, ChatOptions> = defineFeature((ctx, options = {}) => {
  const { channel } = ctx
  const o = resolveOptions(options)
  const delivery = stream(channel)
  const $messages = ctx.bind(atom<readonly ChatMessage[]>([]))
  const $hasMore = ctx.bind(atom(false))
  const $loading = ctx.bind(atom(false))
  const list = new MessageList($messages)
  const events = createChatEvents(ctx.logger)
  const typing = createTyping({
    channel,
    timers: ctx.timers,
    notify: ctx.notify,
    self: o.user,
    ...o.typing,
  })
  ctx.bind(typing.$typing)
  // A message confirmed by its reply counts as arrived (it survives a reload after a gap).
  const outbox = createOutbox({
    channel,
    list,
    self: o.user,
    timers: ctx.timers,
    backoff: ctx.backoff(),
    storedAs: (id) => history.received(id),
  })
  const folder = createFrameFolder({
    stored: outbox.stored,
    received(message, news) {
      history.received(message.id as string)
      typing.stop(message.user)
      if (news) events.queue('message', message)
    },
    edited: (next, prev) => events.queue('edited', next, prev),
    deleted: (message) => events.queue('deleted', message),
  })
  const history = createHistory({
    ...o.history,
    channel,
    list,
    delivery,
    $hasMore,
    $loading,
    insert: folder.insert,
    logger: ctx.logger,
  })
  const fold = createFoldQueue<ChatFrame>(ctx.notify, (frames) => {
    list.update((draft) => {
      for (const frame of frames) folder.fold(draft, frame)
      history.fit(draft)
    })
    events.emit()
  })
  for (const event of CHANGES) {
    ctx.on(event, (payload) => {
      ctx.coalesced(event)
      fold({ event, payload })
    })
  }
  ctx.on(TYPING, typing.received)
  let resumed = false
  ctx.hook({
    joining: () => {
      resumed = delivery.lastId() !== undefined
    },
    joined: () => {
      history.joined(resumed)
      outbox.joined()
    },
  })
  // A gap found by a rejoin is reloaded by the join completing (`joined` above); one
  // the server reports while joined, now.
  delivery.onGap((gap) => {
    history.gap()
    if (gap.live) history.joined(true)
  })
  ctx.onCleanup(() => {
    typing.clear()
    outbox.stopped()
  })
  const change = (event: string, payload: { id: string; body?: string }) => {
    if (typeof payload.id !== 'string') {
      throw new TypeError(`wirestate chat: ${event} needs the id of a stored message`)
    }
    return channel.push(event, payload).then(() => {})
  }
  return {
    $messages,
    $typing: typing.$typing,
    $hasMore,
    $loading,
    send(body) {
      const message = outbox.send(body)
      typing.set(false)
      return message
    },
    retry: outbox.retry,
    discard: outbox.discard,
    edit: (id, body) => change(EDIT_MSG, { id, body }),
    remove: (id) => change(DELETE_MSG, { id }),
    loadOlder: history.older,
    setTyping: typing.set,
    on: events.on,
  }
}, 'chat')

function resolveOptions(options: ChatOptions) {
  return {
    user: options.user,
    history: {
      pageSize: positive('pageSize', options.pageSize, 50),
      maxMessages: positive('maxMessages', options.maxMessages, 500),
    },
    typing: {
      expireMs: positive('typingExpireMs', options.typingExpireMs, 5_000),
      throttleMs: positive('typingThrottleMs', options.typingThrottleMs, 2_000),
    },
  }
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value <= 0) {
    throw new TypeError(`wirestate chat: ${name} must be a whole number above 0, got ${value}`)
  }
  return value
}
