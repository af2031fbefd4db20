// The chat protocol (docs/protocol.md, "Chat"): event names and payload shapes, for the
// client's chat feature, the server's chat route, the test kit and devtools.

/** Client → server: send a message; server → clients: a stored message. */
export const NEW_MSG = 'new_msg'
/** Client → server: edit one of your messages. */
export const EDIT_MSG = 'edit_msg'
/** Client → server: delete one of your messages. */
export const DELETE_MSG = 'delete_msg'
/** Server → clients: a message was edited. */
export const MSG_EDITED = 'msg_edited'
/** Server → clients: a message was deleted. */
export const MSG_DELETED = 'msg_deleted'
/** Client → server (not answered) and server → the others: someone is typing. */
export const TYPING = 'typing'
/** Client → server: a page of older entries (chat messages or notifications). */
export const HISTORY = 'history'

/**
 * The chat's event names, in one object (a server or a tool that wants them all; a
 * client bundle imports the single names it uses).
 *
 * @example
 * ```ts
 * channel.on(CHAT_EVENTS.edited, (change) => apply(change))
 * ```
 */
export const CHAT_EVENTS: {
  readonly send: 'new_msg'
  readonly edit: 'edit_msg'
  readonly delete: 'delete_msg'
  readonly history: 'history'
  readonly typing: 'typing'
  readonly edited: 'msg_edited'
  readonly deleted: 'msg_deleted'
} = {
  send: NEW_MSG,
  edit: EDIT_MSG,
  delete: DELETE_MSG,
  history: HISTORY,
  typing: TYPING,
  edited: MSG_EDITED,
  deleted: MSG_DELETED,
}

/**
 * A chat message as clients get it, in `new_msg` and in `history` pages. `rev` (absent:
 * 0) counts the edits and deletes of the message; `edited_at` is the unix ms of the last
 * edit.
 *
 * @example
 * ```ts
 * const message: ChatMessagePayload = { id: '1700000000000-0', body: 'hi', user: 'alice', client_id: 'c-1' }
 * ```
 */
export interface ChatMessagePayload {
  readonly id: string
  readonly body: string
  readonly user: string
  readonly client_id?: string
  readonly rev?: number
  readonly edited_at?: number
}

/**
 * A `msg_edited` or `msg_deleted` payload: the change of message `message_id`, stored
 * under its own stream `id`. `body` and `edited_at` for an edit only.
 *
 * @example
 * ```ts
 * const change: ChatChangePayload = { message_id: '1700000000000-0', body: 'hi!', user: 'alice', rev: 1, edited_at: 1700000001000, id: '1700000001000-0' }
 * ```
 */
export interface ChatChangePayload {
  readonly message_id: string
  readonly user: string
  readonly rev: number
  readonly id: string
  readonly body?: string
  readonly edited_at?: number
}

/**
 * The reply to `history` on a chat: messages as they are now, oldest first, and whether
 * older ones remain.
 *
 * @example
 * ```ts
 * const page: ChatHistoryPage = { messages: [], more: false }
 * ```
 */
export interface ChatHistoryPage {
  readonly messages: readonly ChatMessagePayload[]
  readonly more: boolean
}

/**
 * What a `history` push asks (chat and notifications): entries before `before` (the
 * newest when absent), at most `limit`.
 *
 * @example
 * ```ts
 * const request: HistoryRequest = { before: '1700000000000-0', limit: 50 }
 * ```
 */
export interface HistoryRequest {
  readonly before?: string
  readonly limit?: number
}

/**
 * A chat topic's event map, for a channel used without the chat feature:
 * `client.channel<ChatChannelEvents>('room:42')` types `on('new_msg')` with the message
 * shape and `push('new_msg', ...)` with its payload and reply.
 *
 * @example
 * ```ts
 * const room = client.channel<ChatChannelEvents>('room:42')
 * room.on('new_msg', (m) => console.log(m.user, m.body))
 * const { id } = await room.push('new_msg', { body: 'hi', client_id: 'c-1' })
 * ```
 */
export interface ChatChannelEvents {
  receive: {
    new_msg: ChatMessagePayload
    msg_edited: ChatChangePayload
    msg_deleted: ChatChangePayload
    typing: { readonly user: string; readonly typing: boolean }
  }
  push: {
    new_msg: { payload: { body: string; client_id?: string }; reply: { id: string } }
    edit_msg: { payload: { id: string; body: string }; reply: { id: string; rev: number } }
    delete_msg: { payload: { id: string }; reply: { id: string; rev: number } }
    typing: { payload: { typing: boolean }; reply: undefined }
    history: { payload: HistoryRequest; reply: ChatHistoryPage }
  }
}
