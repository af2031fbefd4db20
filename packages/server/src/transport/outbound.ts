import type { Logger } from '@wirestate/engine'
import type { WebSocket } from 'ws'
import type { SocketWriter, WriteTurn } from './socket-writer.ts'

// While reads are paused, how often the bytes waiting are measured again.
const PAUSED_POLL_MS = 10

/**
 * The bound on what one process holds for its clients, as {@link Outbound} reads it.
 *
 * @example
 * ```ts
 * const bound: OutboundBound = { highWaterBytes: 16 * 1024 * 1024, maxPauseMs: 5000 }
 * ```
 */
export interface OutboundBound {
  /** Reads from clients pause while more bytes than this wait for all clients together. */
  highWaterBytes: number
  /** The longest a pause lasts before the clients furthest behind are cut. */
  maxPauseMs: number
}

/**
 * What pauses with reads: the engine's handlers (an `Engine` is one), so that pushes
 * already read wait instead of fanning out more.
 *
 * @example
 * ```ts
 * const outbound = new Outbound(bound, logger, engine)
 * ```
 */
export interface HandlerPause {
  pauseHandlers(): void
  resumeHandlers(): void
}

/**
 * What {@link Outbound} has seen, for tests, benchmarks and monitoring.
 *
 * @example
 * ```ts
 * const { waitingBytes, readsPaused } = server.outboundStats
 * ```
 */
export interface OutboundStats {
  /** Bytes waiting for all clients together, when last measured (the end of a turn). */
  readonly waitingBytes: number
  /** The most bytes ever waiting, measured at the end of a turn before it is written. */
  readonly peakWaitingBytes: number
  /** Whether reads from clients are paused now. */
  readonly readsPaused: boolean
  /** How many times reads were paused. */
  readonly pauses: number
  /** Clients cut because a pause lasted `maxPauseMs` while they were furthest behind. */
  readonly slowConsumersCut: number
}

/**
 * Everything one process writes to its clients. A socket's first frame in an
 * event-loop turn is written at once; the frames after it wait, corked, until the end
 * of the turn, then go out as one write (one `writev`): at most two writes per socket
 * per turn, however many frames the turn sent it. The bytes still waiting after that are counted
 * over all sockets: once they are over `highWaterBytes`, the engine's handlers pause
 * (pushes already read wait before their handler), every client that sends is no
 * longer read (publishers stop adding; TCP pushes back on them), and both resume once
 * the bytes waiting are under half of it. A pause lasts at most
 * `maxPauseMs`: then the clients furthest behind are cut as slow consumers, the largest
 * backlog first, until the rest is under half the mark (clients that never read must
 * not hold everyone else's reads forever).
 *
 * The bound: bytes waiting ≤ `highWaterBytes` + the fan-out of the pushes whose
 * handlers were running when the mark was crossed (at most one per join, as a join runs
 * its handlers one at a time); and, per socket, `maxBufferedBytes` as before. Bytes are counted as `bufferedAmount` counts them, once
 * per socket, although a broadcast's bytes are in memory once: the bound is on the safe
 * side.
 *
 * @example
 * ```ts
 * const outbound = new Outbound({ highWaterBytes: 16 << 20, maxPauseMs: 5000 }, logger, engine)
 * const writer = new SocketWriter(ws, socket, outbound)
 * ws.on('message', (data) => {
 *   connection.receive(String(data))
 *   if (outbound.paused) outbound.holdReads(ws)
 * })
 * ws.on('close', () => outbound.forget(writer))
 * ```
 */
export class Outbound implements WriteTurn {
  #bound: OutboundBound
  #logger: Logger
  #handlers: HandlerPause
  #active: SocketWriter[] = []
  #held = new Set<WebSocket>()
  #backlogged = new Set<SocketWriter>()
  #waiting = 0
  // Bytes waiting when last measured + bytes written since: what may be waiting now.
  #live = 0
  #peak = 0
  #pausedAt: number | null = null
  #pauses = 0
  #cut = 0
  #poll: ReturnType<typeof setTimeout> | null = null
  #closed = false

  constructor(bound: OutboundBound, logger: Logger, handlers: HandlerPause) {
    this.#bound = bound
    this.#logger = logger
    this.#handlers = handlers
  }

  get stats(): OutboundStats {
    return {
      waitingBytes: this.#waiting,
      peakWaitingBytes: this.#peak,
      readsPaused: this.#pausedAt !== null,
      pauses: this.#pauses,
      slowConsumersCut: this.#cut,
    }
  }

  /** `writer` wrote the first frame of its turn: it is flushed at the turn's end. */
  began(writer: SocketWriter): void {
    this.#active.push(writer)
    if (this.#active.length === 1) setImmediate(this.#flush)
  }

  // Pausing here, not at the turn's end, stops the read loop of the socket being read
  // (libuv reads up to 32 chunks in a row): a burst fans out one read's worth past the mark.
  wrote(bytes: number): void {
    this.#live += bytes
    if (this.#live > this.#bound.highWaterBytes && this.#pausedAt === null && !this.#closed) {
      this.#pause(performance.now())
    }
  }

  /** Whether reads are paused: a client that sends now is held ({@link Outbound.holdReads}). */
  get paused(): boolean {
    return this.#pausedAt !== null
  }

  /**
   * Stops reading `ws` until reads resume. Clients are held as they send (an idle one
   * has nothing to read), so a pause costs nothing per idle client.
   */
  holdReads(ws: WebSocket): void {
    if (this.#held.has(ws)) return
    this.#held.add(ws)
    ws.pause()
  }

  /** The socket is gone: stop counting it. */
  forget(writer: SocketWriter): void {
    this.#backlogged.delete(writer)
    this.#held.delete(writer.ws)
  }

  /** The server is stopping: reads resume and pause no more (clients must read the 1001). */
  close(): void {
    this.#closed = true
    if (this.#pausedAt !== null) this.#resume()
  }

  #flush = (): void => {
    const active = this.#active
    this.#active = []
    if (this.#live > this.#peak) this.#peak = this.#live
    for (const writer of active) {
      writer.flush()
      if (writer.waiting > 0) this.#backlogged.add(writer)
      else writer.measured = 0
    }
    this.#measure()
  }

  #measure(): void {
    let total = 0
    for (const writer of this.#backlogged) {
      const waiting = writer.waiting
      writer.measured = waiting
      if (waiting === 0) this.#backlogged.delete(writer)
      total += waiting
    }
    this.#waiting = total
    this.#live = total
    const now = performance.now()
    if (this.#closed) return
    if (this.#pausedAt === null && total > this.#bound.highWaterBytes) this.#pause(now)
    else if (this.#pausedAt !== null && total <= this.#bound.highWaterBytes / 2) this.#resume()
    else if (this.#pausedAt !== null && now - this.#pausedAt >= this.#bound.maxPauseMs) {
      this.#cutFurthestBehind()
    }
  }

  #pause(now: number): void {
    this.#pausedAt = now
    this.#pauses++
    this.#handlers.pauseHandlers()
    this.#schedulePoll()
  }

  #schedulePoll(): void {
    this.#poll = setTimeout(() => {
      this.#poll = null
      this.#measure()
      if (this.#pausedAt !== null) this.#schedulePoll()
    }, PAUSED_POLL_MS)
    this.#poll.unref()
  }

  #resume(): void {
    this.#pausedAt = null
    if (this.#poll) clearTimeout(this.#poll)
    this.#poll = null
    for (const ws of this.#held) ws.resume()
    this.#held.clear()
    this.#handlers.resumeHandlers()
  }

  #cutFurthestBehind(): void {
    const low = this.#bound.highWaterBytes / 2
    const behind = [...this.#backlogged].sort((a, b) => b.measured - a.measured)
    let total = this.#waiting
    for (const writer of behind) {
      if (total <= low) break
      total -= writer.measured
      this.#cut++
      this.#logger.warn('slow consumer dropped', {
        conn: writer.connectionId,
        waitingBytes: writer.measured,
        pausedMs: this.#bound.maxPauseMs,
      })
      this.forget(writer)
      writer.ws.terminate()
    }
    this.#waiting = total
    this.#live = total
    this.#resume()
  }
}
