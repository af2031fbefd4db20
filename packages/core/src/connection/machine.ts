import type { Command } from '../commands.ts'
import type { ConnectionStatus, EventInit, SocketClose } from '../events.ts'
import type { ResolvedOptions } from '../options.ts'
import { createBackoff } from './backoff.ts'

/**
 * Internal states. The public status is derived from them: `opening` and `backoff` read
 * `connecting` until the first open and `reconnecting` after it; `stopped` is
 * `disconnected` with its reason; `held` (simulated offline) reads `reconnecting`.
 */
type State = 'idle' | 'opening' | 'connected' | 'backoff' | 'held' | 'stopped'

/** What drives the machine: the socket commands, and what the socket and heartbeat report. */
export type MachineInput =
  | Extract<
      Command,
      { type: 'OpenSocket' | 'CloseSocket' | 'CheckSocket' | 'HoldSocket' | 'ReleaseSocket' }
    >
  | Extract<EventInit, { type: 'SocketOpened' | 'SocketClosed' | 'HeartbeatMissed' }>

type Stopped = Extract<ConnectionStatus, { status: 'disconnected' }>
type SocketClosed = Extract<MachineInput, { type: 'SocketClosed' }>
type Transitions = Partial<
  Record<MachineInput['type'], State | ((input: never) => State | undefined)>
>

/**
 * What the machine drives: the socket (one attempt per `open()`), the heartbeat, and the
 * event stream it reports status changes and scheduled reconnects to.
 *
 * @example
 * ```ts
 * const parts: MachineParts = { open, close, startHeartbeat, beat, emit, describeUrl }
 * ```
 */
export interface MachineParts {
  /** Opens the socket (a new attempt, with this context for the url and params). */
  open(context: { attempt: number; reauthenticate: boolean }): void
  /** Closes the socket, if there is one. */
  close(): void
  /** Starts heartbeats on a new connection; returns what stops them. */
  startHeartbeat(): () => void
  /** Sends a heartbeat now (online again, or visible again). */
  beat(): void
  emit(event: EventInit): void
  /** The URL of the last attempt with the values of its params hidden, for the warning. */
  describeUrl(): string
}

/** How long a connection must stay open to count as proven when nothing else proved it. */
const STABLE_MS = 5_000
/** Attempts in a row that fail before opening, after which the logger says what to check. */
const WARN_AFTER_FAILURES = 3

/**
 * The socket's state machine, declared in one place (after Liveblocks' connection): for
 * each state, the inputs it reacts to and where they lead; each state's setup returns its
 * own cleanup. Reconnects, their backoff and close-code classes live here; what goes on
 * the wire does not.
 *
 * The backoff starts over when a connection proved itself (`proven()`: a join or heartbeat
 * answered, or `STABLE_MS` of uptime), so a server restart right after connecting costs one
 * short delay, while a server that accepts and drops at once is still backed off from.
 *
 * @example
 * ```ts
 * const machine = new SocketMachine(options, parts)
 * machine.dispatch({ type: 'OpenSocket', time: Date.now() })
 * ```
 */
export class SocketMachine {
  #o: ResolvedOptions
  #parts: MachineParts
  #backoff
  #state: State = 'idle'
  #exit: (() => void) | undefined
  #status: ConnectionStatus = { status: 'idle' }
  #stopped: Stopped = { status: 'disconnected', reason: 'client' }
  #wasOpen = false
  #lastClose: SocketClose | undefined
  #reauthenticate = false
  /** The last close asked for the longest delay (`slow` class). */
  #slow = false
  /** The delay before the next attempt, counted when the backoff state is entered. */
  #delayMs = 0
  /** The one retry a refused login gets with the `reauthenticate` option, until proven. */
  #reauthenticated = false
  /** Attempts in a row that closed before opening. */
  #failures = 0

  /** For each state, the inputs it reacts to: a next state, or a function choosing one. */
  #transitions: Record<State, Transitions> = {
    idle: { OpenSocket: 'opening' },
    opening: {
      SocketOpened: 'connected',
      SocketClosed: (e: SocketClosed) => this.#afterClose(e),
      CloseSocket: () => this.#disconnect(),
      HoldSocket: 'held',
    },
    connected: {
      SocketClosed: (e: SocketClosed) => this.#afterClose(e),
      HeartbeatMissed: 'backoff',
      CheckSocket: () => void this.#parts.beat(),
      CloseSocket: () => this.#disconnect(),
      HoldSocket: 'held',
    },
    backoff: {
      OpenSocket: 'opening',
      CheckSocket: 'opening',
      CloseSocket: () => this.#disconnect(),
      HoldSocket: 'held',
    },
    // Simulated offline: no socket and no retries until released; shown as `reconnecting`.
    held: { ReleaseSocket: 'opening', CloseSocket: () => this.#disconnect() },
    stopped: { OpenSocket: 'opening' },
  }

  constructor(o: ResolvedOptions, parts: MachineParts) {
    this.#o = o
    this.#parts = parts
    this.#backoff = createBackoff(o.reconnect)
  }

  /** The public status. */
  get status(): ConnectionStatus {
    return this.#status
  }

  /** The connection proved itself: the next reconnect starts from the shortest delay. */
  proven(): void {
    if (this.#state !== 'connected') return
    this.#backoff.reset()
    this.#reauthenticated = false
  }

  dispatch(input: MachineInput): void {
    const target = this.#transitions[this.#state][input.type]
    const next = typeof target === 'function' ? target(input as never) : target
    if (next) this.#go(next)
  }

  #disconnect(): State {
    return this.#stop({ reason: 'client' })
  }

  #stop(why: Omit<Stopped, 'status'>): State {
    this.#stopped = { status: 'disconnected', ...why }
    return 'stopped'
  }

  #afterClose(e: SocketClosed): State {
    const { code, reason: message, closeClass } = e
    this.#lastClose = { code, reason: message, opened: e.opened }
    this.#reauthenticate = closeClass === 'reauthenticate'
    this.#slow = closeClass === 'slow'
    if (closeClass === 'stop') return this.#stop({ reason: 'server', code, message })
    if (closeClass === 'unauthorized') {
      if (!this.#o.reauthenticate || this.#reauthenticated) {
        return this.#stop({ reason: 'unauthorized', code, message })
      }
      // One more try, at once, with fresh credentials.
      this.#reauthenticate = this.#reauthenticated = true
      return 'opening'
    }
    this.#countFailure(e)
    if (this.#backoff.attempt < this.#o.reconnect.maxRetries) return 'backoff'
    return this.#stop({ reason: 'max_retries', code, message })
  }

  /** A refused or unreachable server looks like an outage: say what to check, once a streak. */
  #countFailure(e: SocketClosed): void {
    this.#failures = e.opened ? 0 : this.#failures + 1
    if (this.#failures !== WARN_AFTER_FAILURES) return
    // What to check is spelled out in the README's "When things go wrong".
    this.#o.logger.warn(
      `wirestate: ${WARN_AFTER_FAILURES} connection attempts in a row failed before the socket ` +
        `opened (close ${e.code}) to ${this.#parts.describeUrl()}; check that the server is up, ` +
        'the path (Phoenix: /socket/websocket) and the credentials (a login refused with ' +
        'HTTP 403, as Phoenix does, looks the same). Retrying.',
    )
  }

  #go(next: State): void {
    this.#exit?.()
    this.#exit = undefined
    this.#state = next
    // Counted before the status is, so the status carries the attempt it waits for.
    if (next === 'backoff') this.#delayMs = this.#backoff.next(this.#slow)
    const status = this.#statusOf(next)
    const before = this.#status
    this.#status = status
    if (!sameStatus(status, before)) this.#parts.emit({ type: 'StatusChanged', status })
    // A listener may have moved the machine on already (disconnect() on a status change).
    if (this.#state === next) this.#exit = this.#enter(next)
  }

  #statusOf(state: State): ConnectionStatus {
    if (state === 'stopped') return this.#stopped
    if (state === 'idle' || state === 'connected') return { status: state }
    const status = this.#wasOpen ? 'reconnecting' : 'connecting'
    const { attempt } = this.#backoff
    const lastClose = this.#lastClose
    return lastClose ? { status, attempt, lastClose } : { status, attempt }
  }

  /** Sets a state up; returns its cleanup, which runs when the state is left. */
  #enter(state: State): (() => void) | undefined {
    const { setTimeout: later, clearTimeout: cancel } = this.#o.timers
    if (state === 'opening') {
      this.#parts.open({ attempt: this.#backoff.attempt, reauthenticate: this.#reauthenticate })
      return
    }
    if (state === 'connected') {
      this.#wasOpen = true
      this.#failures = 0
      this.#slow = false
      const stopHeartbeat = this.#parts.startHeartbeat()
      const stable = later(() => this.proven(), STABLE_MS)
      return () => {
        stopHeartbeat()
        cancel(stable)
      }
    }
    // The states below have no socket; closing a closed one does nothing.
    this.#parts.close()
    if (state === 'stopped') {
      this.#backoff.reset()
      this.#wasOpen = false
      this.#lastClose = undefined
      this.#failures = 0
      this.#reauthenticated = false
    } else if (state === 'backoff') {
      const delayMs = this.#delayMs
      this.#parts.emit({ type: 'ReconnectScheduled', attempt: this.#backoff.attempt, delayMs })
      const timer = later(() => this.#go('opening'), delayMs)
      return () => cancel(timer)
    }
  }
}

/** Whether two statuses read the same (each is a new object, so compared field by field). */
function sameStatus(a: ConnectionStatus, b: ConnectionStatus): boolean {
  const x = a as { status: string; attempt?: number; lastClose?: SocketClose }
  const y = b as typeof x
  return x.status === y.status && x.attempt === y.attempt && x.lastClose === y.lastClose
}
