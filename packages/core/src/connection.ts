import { createBackoff } from './backoff.ts'
import type { CloseClass } from './close-codes.ts'
import type { Command, CommandInit } from './commands.ts'
import type { ConnectionEvent, ConnectionStatus, EventInit } from './events.ts'
import { createHeartbeat } from './heartbeat.ts'
import { frameSize, type InspectEntry, type InspectListener } from './inspector.ts'
import { createListeners } from './listeners.ts'
import type { ResolvedOptions } from './options.ts'
import { createOutboundBuffer } from './outbound-buffer.ts'
import type { Outbound } from './protocol/adapter.ts'
import type { Frame } from './protocol/message.ts'
import { createRateLimiter } from './rate-limiter.ts'
import { createSocket, type Socket } from './socket.ts'

/**
 * The connection half, as the client sees it: commands in, events out (to the listener
 * given to `createConnection`), all plain data.
 *
 * @example
 * ```ts
 * const connection = createConnection(resolveOptions({ url }), (event) => console.log(event.type))
 * connection.send({ type: 'OpenSocket' })
 * ```
 */
export interface Connection {
  /** Takes a command; the connection stamps its `time`. */
  send(command: CommandInit): void
  /** Every command, event and raw frame, in order; returns an unsubscribe. */
  inspect(listener: InspectListener): () => void
  /** Adds an event of the client's own (a feature's) to the inspect stream, stamped with `time`. */
  report(event: EventInit): void
}

/**
 * Internal states. The public status is derived from them: `opening` and `backoff` read
 * `connecting` until the first open and `reconnecting` after it; `stopped` is
 * `disconnected` with its reason.
 */
type State = 'idle' | 'opening' | 'connected' | 'backoff' | 'held' | 'stopped'
type SocketClosed = Extract<ConnectionEvent, { type: 'SocketClosed' }>
// `ok` and `error` are what the server replied; `timeout` and `closed` are ours.
type Outcome = 'ok' | 'error' | 'timeout' | 'closed'
/** Something waiting for a reply: a join, a leave, or a push (also while buffered). */
interface Pending {
  topic: string
  settle(outcome: Outcome, response?: unknown): void
}
type Push = Pending & Extract<Command, { type: 'PushMessage' }>

/**
 * Creates the connection half: it owns the socket, the protocol adapter, heartbeats,
 * refs, pending replies, the outbound buffer and the rate limiter, and knows nothing
 * about stores.
 *
 * The socket (`socket.ts`) makes one attempt per `open()`; reconnecting is this state
 * machine's job, so jitter, close-code classes and online/visibility checks live here.
 *
 * @example
 * ```ts
 * const connection = createConnection(resolveOptions({ url: 'ws://localhost:4000/socket/websocket' }), console.log)
 * ```
 */
export function createConnection(
  o: ResolvedOptions,
  listener: (event: ConnectionEvent) => void,
): Connection {
  // One closure rather than a class, hence its length: the inner functions are the methods
  // and share its state, and locals minify to one letter where `this.#field` cannot.
  const { protocol, timers } = o
  const { setTimeout: later, clearTimeout: cancel, now } = timers
  const inspector = createListeners<InspectEntry>(o.logger)
  const backoff = createBackoff(o.reconnect)
  const take = createRateLimiter(o.rateLimit, now)
  const buffer = createOutboundBuffer<Push>(o.bufferSize)
  const joins = new Map<string, { ref: string; joined?: boolean }>()
  const replies = new Map<string, Pending>()
  const heartbeat = createHeartbeat(
    o,
    () => write({ type: 'heartbeat', ref: nextRef() }),
    () => emit({ type: 'HeartbeatMissed' }),
    // A heartbeat round trip proves the connection works end to end; only then does the
    // backoff start over, so a server that accepts and drops at once is backed off from.
    (latencyMs) => {
      backoff.reset()
      emit({ type: 'HeartbeatReplied', latencyMs })
    },
  )
  let state: State = 'idle'
  let exit: (() => void) | undefined
  let status = 'idle'
  let stopped: ConnectionStatus
  let wasOpen = false
  let closeClass: CloseClass
  let reauthenticate = false
  let socket: Socket | undefined
  let refs = 0
  const nextRef = () => `${++refs}`
  const stop = (why: Omit<Extract<ConnectionStatus, { status: 'disconnected' }>, 'status'>) => {
    stopped = { status: 'disconnected', ...why }
    return 'stopped'
  }
  const disconnect = () => stop({ reason: 'client' })
  const afterClose = (e: SocketClosed) => {
    reauthenticate = e.closeClass === 'reauthenticate'
    if (e.closeClass === 'stop') return stop({ reason: 'server', code: e.code, message: e.reason })
    return backoff.attempt < o.reconnect.maxRetries ? 'backoff' : stop({ reason: 'max_retries' })
  }

  /** The state machine: for each state, the inputs it reacts to and where they lead. */
  const transitions: Record<State, Record<string, string | ((input: never) => unknown)>> = {
    idle: { OpenSocket: 'opening' },
    opening: {
      SocketOpened: 'connected',
      SocketClosed: afterClose,
      CloseSocket: disconnect,
      HoldSocket: 'held',
    },
    connected: {
      SocketClosed: afterClose,
      HeartbeatMissed: 'backoff',
      CheckSocket: heartbeat.beat,
      CloseSocket: disconnect,
      HoldSocket: 'held',
    },
    backoff: {
      OpenSocket: 'opening',
      CheckSocket: 'opening',
      CloseSocket: disconnect,
      HoldSocket: 'held',
    },
    // Simulated offline: no socket and no retries until released; shown as `reconnecting`.
    held: { ReleaseSocket: 'opening', CloseSocket: disconnect },
    stopped: { OpenSocket: 'opening' },
  }

  function dispatch(input: Command | ConnectionEvent): void {
    const target = transitions[state][input.type]
    const next = typeof target === 'function' ? target(input as never) : target
    if (typeof next === 'string') go(next as State)
  }

  function go(next: State): void {
    exit?.()
    exit = undefined
    state = next
    const s: ConnectionStatus =
      next === 'stopped'
        ? stopped
        : {
            status:
              next === 'idle' || next === 'connected'
                ? next
                : wasOpen
                  ? 'reconnecting'
                  : 'connecting',
          }
    const changed = s.status !== status
    status = s.status
    if (changed) emit({ type: 'StatusChanged', status: s })
    // A listener may have moved the machine on already (disconnect() on a status change).
    if (state === next) exit = enter(next)
  }

  /** Sets a state up; returns its cleanup, which runs when the state is left. */
  function enter(next: State): (() => void) | undefined {
    if (next === 'opening') {
      socket ??= createSocket(o, () => ({ attempt: backoff.attempt, reauthenticate }), {
        opened: () => emit({ type: 'SocketOpened' }),
        received: receive,
        closed,
      })
      socket.open()
    } else if (next === 'connected') {
      wasOpen = true
      reauthenticate = false
      heartbeat.start()
      return heartbeat.stop
    } else {
      // The states below have no socket; closing a closed one does nothing.
      socket?.close()
      if (next === 'stopped') {
        backoff.reset()
        wasOpen = false
      } else if (next === 'backoff') {
        const delayMs = backoff.next(closeClass === 'slow')
        emit({ type: 'ReconnectScheduled', attempt: backoff.attempt, delayMs })
        const timer = later(() => go('opening'), delayMs)
        return () => cancel(timer)
      }
    }
  }

  function closed(code: number, reason: string): void {
    closeClass = o.classifyClose(code)
    joins.clear()
    for (const p of replies.values()) p.settle('closed')
    emit({ type: 'SocketClosed', code, reason, closeClass })
  }

  /** Waits for the reply to a new ref; `ms` starts a timeout (pushes have theirs already). */
  function expect(p: Pending, ms?: number): string {
    const ref = nextRef()
    const settle = p.settle
    const timer = ms && later(() => p.settle('timeout'), ms)
    p.settle = (outcome, response) => {
      cancel(timer)
      replies.delete(ref)
      settle(outcome, response)
    }
    replies.set(ref, p)
    return ref
  }

  function join(topic: string, payload: unknown) {
    // Not open: the client joins again on SocketOpened, with params evaluated then.
    if (!socket?.isOpen()) return
    const current: { ref: string; joined?: boolean } = { ref: '' }
    const settle = (outcome: Outcome, response: unknown) => {
      if (joins.get(topic) !== current || outcome === 'closed') return
      if (outcome === 'ok') {
        current.joined = true
        emit({ type: 'ChannelJoined', topic, response })
        for (const p of buffer.take((p) => p.topic === topic)) send(p)
        return
      }
      joins.delete(topic)
      const reason = outcome === 'timeout' ? outcome : (response as { reason?: string })?.reason
      emit({ type: 'ChannelJoinRejected', topic, reason: reason ?? 'refused', response })
    }
    joins.set(topic, current)
    current.ref = expect({ topic, settle }, o.pushTimeoutMs)
    write({ type: 'join', topic, joinRef: current.ref, payload })
  }

  function leave(topic: string) {
    const current = joins.get(topic)
    joins.delete(topic)
    // Pushes already sent keep waiting: the server answers them before the leave.
    cancelBuffered(topic)
    const settle = () => emit({ type: 'ChannelLeft', topic })
    if (!current || !socket?.isOpen()) return settle()
    const ref = expect({ topic, settle }, o.pushTimeoutMs)
    write({ type: 'leave', topic, joinRef: current.ref, ref })
  }

  function push(p: Push): void {
    const { topic, pushId } = p
    const timer = later(() => p.settle('timeout'), p.timeoutMs)
    p.settle = (outcome, response) => {
      cancel(timer)
      buffer.take((q) => q === p)
      if (outcome === 'timeout') emit({ type: 'PushTimedOut', topic, pushId })
      else if (outcome === 'closed') emit({ type: 'PushCancelled', topic, pushId })
      else emit({ type: 'ReplyReceived', topic, pushId, status: outcome, response })
    }
    if (joins.get(topic)?.joined) send(p)
    else if (!buffer.add(p)) {
      cancel(timer)
      emit({ type: 'BufferOverflowed', topic, pushId })
    }
  }

  function send(p: Push): void {
    const { topic, event, payload } = p
    const joinRef = joins.get(topic)?.ref as string
    // No reply will come: written is done (as ReplyReceived ok, with no response).
    const ref = p.noReply ? nextRef() : expect(p)
    write({ type: 'push', topic, joinRef, ref, event, payload })
    if (p.noReply) p.settle('ok')
  }

  function cancelBuffered(topic: string): void {
    for (const p of buffer.take((p) => p.topic === topic)) p.settle('closed')
  }

  function receive(frame: Frame) {
    record('in', frame)
    const m = protocol.decode(frame)
    if (m.type === 'invalid') return emit({ type: 'FrameRejected', reason: m.reason })
    if (m.type === 'heartbeatReply') return heartbeat.reply(m.ref)
    if (m.type === 'reply') {
      // A late reply (its push timed out already) or one to a ref we never sent.
      const p = replies.get(m.ref)
      if (p) return p.settle(m.status, m.response)
      return emit({ type: 'FrameRejected', reason: 'reply to no pending ref' })
    }
    const { topic, joinRef } = m
    const current = joins.get(topic)
    // As phoenix.js (channel.js isMember): frames for topics we are not in are ignored, and
    // frames for an older join of a topic (a stale join_ref) are dropped.
    if (!current) return
    if (joinRef && joinRef !== current.ref) {
      return emit({ type: 'FrameRejected', reason: 'stale join_ref' })
    }
    if (m.type === 'message') {
      return emit({ type: 'MessageReceived', topic, event: m.event, payload: m.payload })
    }
    // The server channel crashed or closed: what was sent to it gets no reply, and after
    // a close nothing buffered will be sent either. After a crash, the rejoin sends them.
    const isClosed = m.type === 'channelClosed'
    joins.delete(topic)
    for (const p of replies.values()) if (p.topic === topic) p.settle('closed')
    if (isClosed) cancelBuffered(topic)
    emit({ type: isClosed ? 'ChannelClosed' : 'ChannelErrored', topic })
  }

  function write(out: Outbound): string {
    const frame = protocol.encode(out)
    record('out', frame)
    socket?.send(frame)
    return (out as { ref: string }).ref
  }

  /** Builds a frame record only when someone inspects: nothing is measured otherwise. */
  function record(direction: 'in' | 'out', frame: Frame): void {
    if (inspector.set.size) {
      inspector.emit({ kind: 'frame', direction, size: frameSize(frame), time: now(), frame })
    }
  }

  function emit(init: EventInit): void {
    // Every init is a fresh literal made for this call: stamping it saves a copy per frame.
    const event = init as ConnectionEvent
    event.time = now()
    if (inspector.set.size) inspector.emit({ kind: 'event', event })
    listener(event)
    dispatch(event)
  }

  return {
    send(command) {
      const c = { ...command, time: now() } as Command
      if (inspector.set.size) inspector.emit({ kind: 'command', command: c })
      const { topic, pushId } = c as { topic?: string; pushId?: number }
      if (!take(o.rateLimit.costs[c.type as 'PushMessage'] ?? 0)) {
        emit({ type: 'RateLimited', command: c.type, topic, pushId })
      } else if (c.type === 'JoinChannel') join(c.topic, c.payload)
      else if (c.type === 'LeaveChannel') leave(c.topic)
      // A copy: the pending push gets a settle function, the inspected command stays data.
      else if (c.type === 'PushMessage') push({ ...c } as Push)
      else dispatch(c)
    },
    inspect: inspector.add,
    report(init) {
      // A copy: the feature's event object is its own.
      if (inspector.set.size) {
        inspector.emit({ kind: 'event', event: { ...init, time: now() } as ConnectionEvent })
      }
    },
  }
}
