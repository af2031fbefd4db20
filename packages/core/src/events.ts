import type { CloseClass } from './close-codes.ts'
import type { PushErrorCode, StopReason } from './codes.ts'
import type { Command } from './commands.ts'

/**
 * The public connection status, as `client.$status` holds it. `connecting` until the first
 * open, `reconnecting` after a loss; a `disconnected` client says why.
 *
 * @example
 * ```ts
 * client.$status.subscribe((s) => { banner.hidden = s.status === 'connected' })
 * ```
 */
export type ConnectionStatus =
  | { status: 'idle' | 'connected' }
  | {
      status: 'connecting' | 'reconnecting'
      /** Attempts since the connection last proved itself: 0 for the first one. */
      attempt: number
      /** How the last socket closed, once one has. */
      lastClose?: SocketClose
    }
  | { status: 'disconnected'; reason: StopReason; code?: number; message?: string }

/**
 * How a socket closed: its code and reason, and whether it had opened (a socket that never
 * opened was refused or could not reach the server; one that did was dropped).
 *
 * @example
 * ```ts
 * const s = client.$status.get()
 * if (s.status === 'reconnecting' && s.lastClose && !s.lastClose.opened) showHint('server unreachable')
 * ```
 */
export interface SocketClose {
  code: number
  reason: string
  opened: boolean
}

/**
 * What happened on the connection. Plain, serializable data named `NounVerbed`, with `time`.
 *
 * | event | when |
 * |---|---|
 * | `StatusChanged` | the public status changed |
 * | `SocketOpened` / `SocketClosed` | the socket opened / closed (code, reason, close class) |
 * | `ReconnectScheduled` | the next attempt is due in `delayMs` |
 * | `HeartbeatReplied` / `HeartbeatMissed` | a heartbeat came back (round trip) / did not in time |
 * | `ChannelJoined` / `ChannelJoinRejected` | the join reply was ok / error, or the join timed out |
 * | `ChannelLeft` | our leave completed |
 * | `ChannelErrored` / `ChannelClosed` | the server channel crashed / closed it |
 * | `MessageReceived` | a server event on a joined channel |
 * | `ReplyReceived` / `PushTimedOut` / `PushCancelled` | a push's outcome |
 * | `RateLimited` / `BufferOverflowed` | a command was refused before sending |
 * | `FrameRejected` | a malformed frame, a stale `join_ref` or a reply nobody waits for; dropped |
 * | `MessagesCoalesced` | a feature folded `count` messages of one flush into one store update |
 * | `MessagesDropped` | a feature dropped `count` messages of one flush (stream duplicates) |
 * | `ConnectionShared` | the socket is shared by the browser's tabs: who holds it, how many tabs use it |
 *
 * @example
 * ```ts
 * client.inspect((e) => { if (e.kind === 'event' && e.event.type === 'FrameRejected') console.warn(e.event.reason) })
 * ```
 */
export type ConnectionEvent =
  | { type: 'StatusChanged'; time: number; status: ConnectionStatus }
  | { type: 'SocketOpened'; time: number }
  | {
      type: 'SocketClosed'
      time: number
      code: number
      reason: string
      closeClass: CloseClass
      /** Whether this socket had opened before it closed. */
      opened: boolean
    }
  | { type: 'ReconnectScheduled'; time: number; attempt: number; delayMs: number }
  | { type: 'HeartbeatReplied'; time: number; latencyMs: number }
  | { type: 'HeartbeatMissed'; time: number }
  | { type: 'ChannelJoined'; time: number; topic: string; response: unknown }
  | {
      type: 'ChannelJoinRejected'
      time: number
      topic: string
      reason: string
      /** Not retried: the reason is one of `fatalJoinReasons`. */
      fatal: boolean
      response: unknown
    }
  | { type: 'ChannelLeft'; time: number; topic: string }
  | { type: 'ChannelErrored'; time: number; topic: string }
  | { type: 'ChannelClosed'; time: number; topic: string }
  | { type: 'MessageReceived'; time: number; topic: string; event: string; payload: unknown }
  | {
      type: 'ReplyReceived'
      time: number
      topic: string
      pushId: number
      status: 'ok' | 'error'
      response: unknown
    }
  | { type: 'PushTimedOut'; time: number; topic: string; pushId: number }
  | {
      type: 'PushCancelled'
      time: number
      topic: string
      pushId: number
      /** Why it will get no reply: `channel_closed`, `join_refused` or `invalid_payload`. */
      reason: PushErrorCode
    }
  | { type: 'BufferOverflowed'; time: number; topic: string; pushId: number }
  | {
      type: 'RateLimited'
      time: number
      command: Command['type']
      topic?: string
      pushId?: number
      /** What the `rateLimit.onLimit` policy did: the command waits, or was refused. */
      action: 'queue' | 'reject'
    }
  | { type: 'FrameRejected'; time: number; reason: string }
  | { type: 'MessagesCoalesced'; time: number; topic: string; event: string; count: number }
  | {
      type: 'MessagesDropped'
      time: number
      topic: string
      event: string
      count: number
      reason: 'duplicate'
    }
  | {
      type: 'ConnectionShared'
      time: number
      /** Where the socket lives: a SharedWorker, this tab (the leader), or another tab. */
      holder: 'shared worker' | 'this tab' | 'another tab'
      /** Tabs attached to it, this one included. */
      tabs: number
    }

/**
 * An event before the connection stamps its `time`.
 *
 * @example
 * ```ts
 * const opened: EventInit = { type: 'SocketOpened' }
 * ```
 */
export type EventInit = ConnectionEvent extends infer E
  ? E extends ConnectionEvent
    ? Omit<E, 'time'>
    : never
  : never
