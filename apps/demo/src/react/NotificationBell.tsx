import type { Notification } from '@wirestate/core/notifications'
import { notificationsTopic } from '@wirestate/core/notifications'
import { useNotifications } from '@wirestate/react'
import { type ReactNode, useState } from 'react'
import { roomHash } from '../shared/room-link.ts'

function BellIcon(): ReactNode {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" className="bell-icon">
      <path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6Zm-2.5 15a2.5 2.5 0 0 0 5 0" />
    </svg>
  )
}

/** The room a mention came from (`room:general` → `general`), if it names one. */
function roomOf(notification: Notification): string | undefined {
  const topic = notification.topic
  return typeof topic === 'string' && topic.startsWith('room:') ? topic.slice(5) : undefined
}

function NotificationRow({
  item,
  onOpen,
}: {
  item: Notification
  onOpen: (item: Notification) => void
}): ReactNode {
  const room = roomOf(item)
  return (
    <li className={item.read ? 'read' : 'unread'}>
      <a href={roomHash(room)} onClick={() => onOpen(item)}>
        <span className="from">{String(item.from ?? 'someone')}</span> mentioned you
        {room !== undefined && <> in # {room}</>}
        <q>{String(item.body ?? '')}</q>
      </a>
    </li>
  )
}

/**
 * The bell: how many notifications are unread (someone wrote `@me` in a room; the demo
 * server sends those), and the list, newest first. Opening one marks it read.
 */
export function NotificationBell({ me }: { me: string }): ReactNode {
  const { items, unread, markRead, markAllRead } = useNotifications(notificationsTopic(me))
  const [open, setOpen] = useState(false)
  // A refused mark is undone by core (the item shows unread again): nothing to add here.
  const ignore = () => {}
  const openItem = (item: Notification) => {
    setOpen(false)
    if (!item.read) markRead(item.id).catch(ignore)
  }
  return (
    <div className="bell">
      <button
        type="button"
        className="bell-button"
        aria-label={`Notifications, ${unread} unread`}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <BellIcon />
        {unread > 0 && <span className="bell-count">{unread}</span>}
      </button>
      {open && (
        <section className="bell-panel" aria-label="Notifications">
          <header>
            <h2>Notifications</h2>
            <button
              type="button"
              className="quiet"
              disabled={unread === 0}
              onClick={() => markAllRead().catch(ignore)}
            >
              Mark all read
            </button>
          </header>
          {items.length === 0 ? (
            <p className="empty">Nobody has mentioned you yet. Try “@{me}” from another tab.</p>
          ) : (
            <ul>
              {items.map((item) => (
                <NotificationRow key={item.id} item={item} onOpen={openItem} />
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  )
}
