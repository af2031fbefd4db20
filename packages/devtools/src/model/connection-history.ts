import type { ConnectionEvent, InspectEntry } from '@wirestate/core'
import { RingBuffer } from './ring-buffer.ts'

/**
 * One line of the connection log: a status change, a socket open or close, a scheduled
 * reconnect with its backoff delay, a missed heartbeat, or where a socket shared by the
 * browser's tabs is held and by how many tabs.
 *
 * @example
 * ```ts
 * const line: ConnectionLogItem = { time: 0, what: 'reconnect', text: 'attempt 2 in 500 ms' }
 * ```
 */
export interface ConnectionLogItem {
  time: number
  what: 'status' | 'opened' | 'closed' | 'reconnect' | 'heartbeat-missed' | 'shared'
  text: string
}

/**
 * A heartbeat round trip.
 *
 * @example
 * ```ts
 * const sample: HeartbeatSample = { time: Date.now(), rttMs: 12 }
 * ```
 */
export interface HeartbeatSample {
  time: number
  rttMs: number
}

/**
 * The life of the connection, folded from the inspect stream: the current status, a
 * bounded log, reconnect attempts and delays, and recent heartbeat round trips.
 *
 * @example
 * ```ts
 * const history = new ConnectionHistory()
 * client.inspect((entry) => history.apply(entry))
 * history.status // 'connected'
 * ```
 */
export class ConnectionHistory {
  /** The latest public status (`idle`, `connecting`, `connected`, `reconnecting`, `disconnected`). */
  status = 'unknown'
  readonly log: RingBuffer<ConnectionLogItem>
  readonly heartbeats: RingBuffer<HeartbeatSample>
  /** Reconnects scheduled since the panel started recording. */
  reconnects = 0
  /** The latest scheduled reconnect, while one is pending. */
  nextAttempt: { attempt: number; delayMs: number } | undefined
  // Core may emit HeartbeatReplied; once it does, frame-derived samples would double up.
  #repliedEvents = false

  constructor(logSize = 200, heartbeatSize = 60) {
    this.log = new RingBuffer(logSize)
    this.heartbeats = new RingBuffer(heartbeatSize)
  }

  /** Folds one inspect entry in; only events matter. */
  apply(entry: InspectEntry): void {
    if (entry.kind !== 'event') return
    const line = this.#describe(entry.event)
    if (line) this.log.push({ time: entry.event.time, ...line })
  }

  /**
   * Adds a heartbeat round trip measured from frames (a heartbeat and its reply), unless
   * the client reports them itself with `HeartbeatReplied`.
   */
  addFrameHeartbeat(time: number, rttMs: number): void {
    if (!this.#repliedEvents) this.heartbeats.push({ time, rttMs })
  }

  clear(): void {
    this.log.clear()
    this.heartbeats.clear()
    this.reconnects = 0
    this.nextAttempt = undefined
  }

  #describe(e: ConnectionEvent): Omit<ConnectionLogItem, 'time'> | undefined {
    switch (e.type) {
      case 'StatusChanged': {
        const s = e.status
        this.status = s.status
        if (s.status === 'connected') this.nextAttempt = undefined
        const why = s.status === 'disconnected' ? describeStop(s) : ''
        return { what: 'status', text: `${s.status}${why}` }
      }
      case 'SocketOpened':
        return { what: 'opened', text: 'socket opened' }
      case 'SocketClosed':
        return {
          what: 'closed',
          text: `socket closed ${e.code}${e.reason ? ` "${e.reason}"` : ''} (${e.closeClass})`,
        }
      case 'ReconnectScheduled':
        this.reconnects++
        this.nextAttempt = { attempt: e.attempt, delayMs: e.delayMs }
        return { what: 'reconnect', text: `attempt ${e.attempt} in ${Math.round(e.delayMs)} ms` }
      case 'HeartbeatMissed':
        return { what: 'heartbeat-missed', text: 'heartbeat missed: socket taken for half-open' }
      case 'ConnectionShared': {
        const holder = e.holder === 'shared worker' ? 'the shared worker' : e.holder
        const tabs = `${e.tabs} tab${e.tabs === 1 ? '' : 's'}`
        return { what: 'shared', text: `socket held by ${holder}, used by ${tabs}` }
      }
      case 'HeartbeatReplied':
        this.#repliedEvents = true
        this.heartbeats.push({ time: e.time, rttMs: e.latencyMs })
        return undefined
    }
    return undefined
  }
}

function describeStop(s: { reason: string; code?: number; message?: string }): string {
  const code = s.code === undefined ? '' : ` ${s.code}`
  const message = s.message ? ` "${s.message}"` : ''
  return ` (${s.reason}${code}${message})`
}
