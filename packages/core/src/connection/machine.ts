import type { CloseClass } from '../close-codes.ts'
import type { Command } from '../commands.ts'
import type { ConnectionEvent, ConnectionStatus, EventInit } from '../events.ts'
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
  | Extract<ConnectionEvent, { type: 'SocketOpened' | 'SocketClosed' | 'HeartbeatMissed' }>

type Stopped = Extract<ConnectionStatus, { status: 'disconnected' }>
type SocketClosed = Extract<MachineInput, { type: 'SocketClosed' }>

/**
 * What the machine drives: the socket (one attempt per `open()`), the heartbeat, and the
 * event stream it reports status changes and scheduled reconnects to.
 *
 * @example
 * ```ts
 * const parts: MachineParts = { open, close, startHeartbeat, beat, emit }
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
}

/**
 * The socket's state machine, declared in one place (after Liveblocks' connection): for
 * each state, the inputs it reacts to and where they lead; each state's setup returns its
 * own cleanup. Reconnects, their backoff and close-code classes live here; what goes on
 * the wire does not.
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
  #closeClass: CloseClass = 'retry'
  #reauthenticate = false

  /** For each state, the inputs it reacts to: a next state, or a function choosing one. */
  #transitions: Record<
    State,
    Partial<Record<MachineInput['type'], State | ((i: never) => State | undefined)>>
  > = {
    idle: { OpenSocket: 'opening' },
    opening: {
      SocketOpened: 'connected',
      SocketClosed: (e: SocketClosed) => this.#afterClose(e),
      CloseSocket: () => this.#stop({ reason: 'client' }),
      HoldSocket: 'held',
    },
    connected: {
      SocketClosed: (e: SocketClosed) => this.#afterClose(e),
      HeartbeatMissed: 'backoff',
      CheckSocket: () => void this.#parts.beat(),
      CloseSocket: () => this.#stop({ reason: 'client' }),
      HoldSocket: 'held',
    },
    backoff: {
      OpenSocket: 'opening',
      CheckSocket: 'opening',
      CloseSocket: () => this.#stop({ reason: 'client' }),
      HoldSocket: 'held',
    },
    // Simulated offline: no socket and no retries until released; shown as `reconnecting`.
    held: { ReleaseSocket: 'opening', CloseSocket: () => this.#stop({ reason: 'client' }) },
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

  /** The connection proved itself (a heartbeat came back): the next reconnect starts fast. */
  proven(): void {
    this.#backoff.reset()
  }

  dispatch(input: MachineInput): void {
    const target = this.#transitions[this.#state][input.type]
    const next = typeof target === 'function' ? target(input as never) : target
    if (next) this.#go(next)
  }

  #stop(why: Omit<Stopped, 'status'>): State {
    this.#stopped = { status: 'disconnected', ...why }
    return 'stopped'
  }

  #afterClose(e: SocketClosed): State {
    this.#closeClass = e.closeClass
    this.#reauthenticate = e.closeClass === 'reauthenticate'
    if (e.closeClass === 'stop') {
      return this.#stop({ reason: 'server', code: e.code, message: e.reason })
    }
    if (this.#backoff.attempt < this.#o.reconnect.maxRetries) return 'backoff'
    return this.#stop({ reason: 'max_retries' })
  }

  #go(next: State): void {
    this.#exit?.()
    this.#exit = undefined
    this.#state = next
    const status = this.#statusOf(next)
    const changed = status.status !== this.#status.status
    this.#status = status
    if (changed) this.#parts.emit({ type: 'StatusChanged', status })
    // A listener may have moved the machine on already (disconnect() on a status change).
    if (this.#state === next) this.#exit = this.#enter(next)
  }

  #statusOf(state: State): ConnectionStatus {
    if (state === 'stopped') return this.#stopped
    if (state === 'idle' || state === 'connected') return { status: state }
    return { status: this.#wasOpen ? 'reconnecting' : 'connecting' }
  }

  /** Sets a state up; returns its cleanup, which runs when the state is left. */
  #enter(state: State): (() => void) | undefined {
    if (state === 'opening') {
      this.#parts.open({ attempt: this.#backoff.attempt, reauthenticate: this.#reauthenticate })
      return
    }
    if (state === 'connected') {
      this.#wasOpen = true
      this.#reauthenticate = false
      return this.#parts.startHeartbeat()
    }
    // The states below have no socket; closing a closed one does nothing.
    this.#parts.close()
    if (state === 'stopped') {
      this.#backoff.reset()
      this.#wasOpen = false
    } else if (state === 'backoff') {
      const delayMs = this.#backoff.next(this.#closeClass === 'slow')
      this.#parts.emit({ type: 'ReconnectScheduled', attempt: this.#backoff.attempt, delayMs })
      const { setTimeout: later, clearTimeout: cancel } = this.#o.timers
      const timer = later(() => this.#go('opening'), delayMs)
      return () => cancel(timer)
    }
  }
}
