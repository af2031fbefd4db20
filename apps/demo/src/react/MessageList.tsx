import type { ChatMessage } from '@wirestate/core/chat'
import type { UseChatResult } from '@wirestate/react'
import { Fragment, memo, type ReactNode } from 'react'
import { bodyParts } from '../shared/mentions.ts'
import { messageMark } from '../shared/message-mark.ts'
import { Avatar } from './Avatar.tsx'

interface RowProps {
  message: ChatMessage
  me: string
  connected: boolean
  retry: (clientId: string) => void
  discard: (clientId: string) => void
  /** Puts a refused message back in the composer and drops it from the list. */
  edit: (clientId: string, body: string) => void
}

// Core never changes a message in place, so an unchanged row skips rendering.
const MessageRow = memo(function MessageRow({
  message,
  me,
  connected,
  retry,
  discard,
  edit,
}: RowProps): ReactNode {
  const mark = messageMark(message, connected)
  const author = message.user ?? '?'
  const clientId = message.clientId
  return (
    <li className={`message ${mark.kind}`} data-status={mark.kind}>
      <Avatar name={author} />
      <div className="message-main">
        <p className="meta">
          <span className="author">{author}</span> <span className="mark">{mark.text}</span>
        </p>
        <p className="body">
          {bodyParts(message.body).map((part) =>
            part.mention === undefined ? (
              <Fragment key={part.at}>{part.text}</Fragment>
            ) : (
              <span key={part.at} className={part.mention === me ? 'mention mine' : 'mention'}>
                {part.text}
              </span>
            ),
          )}
        </p>
        {mark.kind === 'failed' && clientId !== undefined && (
          <p className="actions">
            {mark.canRetry ? (
              <button type="button" onClick={() => retry(clientId)}>
                Retry
              </button>
            ) : (
              <button type="button" onClick={() => edit(clientId, message.body)}>
                Edit
              </button>
            )}
            <button type="button" className="quiet" onClick={() => discard(clientId)}>
              Discard
            </button>
          </p>
        )}
      </div>
    </li>
  )
})

interface MessageListProps {
  chat: UseChatResult
  me: string
  connected: boolean
  edit: RowProps['edit']
}

/**
 * The messages, oldest first, and a button for the page before them. The scroller is
 * laid out bottom-up (`column-reverse`), so the newest stay in view as they arrive and a
 * page loaded above does not move what is on screen.
 */
export function MessageList({ chat, me, connected, edit }: MessageListProps): ReactNode {
  const { messages, hasMore, loading, loadOlder, retry, discard } = chat
  return (
    <div className="scroller">
      <div>
        {hasMore && (
          <button type="button" className="older" disabled={loading} onClick={() => loadOlder()}>
            {loading ? 'Loading…' : 'Load older messages'}
          </button>
        )}
        {messages.length === 0 && !hasMore && (
          <p className="empty">No messages yet. Say hello — “@name” notifies someone.</p>
        )}
        <ol className="messages" aria-label="Messages">
          {messages.map((message) => (
            <MessageRow
              key={message.key}
              message={message}
              me={me}
              connected={connected}
              retry={retry}
              discard={discard}
              edit={edit}
            />
          ))}
        </ol>
      </div>
    </div>
  )
}
