import { createServer, type Server, Socket } from 'node:net'

/**
 * Where a {@link FaultProxy} forwards to.
 *
 * @example
 * ```ts
 * const target: ProxyTarget = { host: '127.0.0.1', port: 6379 }
 * ```
 */
export interface ProxyTarget {
  readonly host: string
  readonly port: number
}

/**
 * What a {@link FaultProxy} has done so far, for a scenario's closing report.
 *
 * @example
 * ```ts
 * expect(proxy.counters.accepted).toBe(2) // the client reconnected once
 * ```
 */
export interface ProxyCounters {
  /** Connections accepted and forwarded (refused ones not included). */
  accepted: number
  /** Connections refused while `refuse(true)` was on. */
  refused: number
  /** When each connection arrived (`performance.now()`), accepted or refused. */
  arrivals: number[]
  /** Bytes delivered to either side. */
  forwarded: number
  /** Bytes swallowed by a blackhole or cut short by a reset. */
  dropped: number
  /** Faults injected: cuts, blackholes, resets (one per connection hit). */
  faults: number
}

/**
 * A TCP proxy on loopback that sits on one link (a client's WebSocket, a node's
 * Redis connection) and breaks it on command, the ways networks break:
 *
 * - `cut()`: both sides get a FIN at once (a clean close both ways).
 * - `blackhole()`: the open connections stay open but nothing crosses them any
 *   more, and nobody is told: a half-open link, as when a peer's machine vanishes.
 *   New connections work (the network healed for them).
 * - `latency(ms, jitterMs)`: every chunk waits `ms ± jitterMs`, each direction
 *   keeping its order.
 * - `resetMidFrame()`: the next chunk from the target is cut in half, the first
 *   half delivered, then both sides get a TCP RST.
 * - `refuse(true)`: new connections are reset as soon as they arrive; the open
 *   ones keep working.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy({ host: '127.0.0.1', port: redis.port })
 * const broker = await RedisBroker.connect({ url: proxy.url('redis') })
 * proxy.blackhole() // the broker's connections now hang silently
 * await proxy.close()
 * ```
 */
export class FaultProxy {
  readonly port: number
  readonly counters: ProxyCounters = {
    accepted: 0,
    refused: 0,
    arrivals: [],
    forwarded: 0,
    dropped: 0,
    faults: 0,
  }
  readonly #server: Server
  #target: ProxyTarget
  readonly #links = new Set<Link>()
  #refusing = false
  #delay = { ms: 0, jitterMs: 0 }

  private constructor(server: Server, port: number, target: ProxyTarget) {
    this.#server = server
    this.port = port
    this.#target = target
    server.on('connection', (socket) => this.#accept(socket))
  }

  /** Listens on a free loopback port. */
  static async start(target: ProxyTarget): Promise<FaultProxy> {
    const server = createServer({ noDelay: true })
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port))
    })
    return new FaultProxy(server, port, target)
  }

  /** `scheme://127.0.0.1:<port><path>`: the target's URL through the proxy. */
  url(scheme: string, path = ''): string {
    return `${scheme}://127.0.0.1:${this.port}${path}`
  }

  /** Open connections through the proxy (blackholed ones included). */
  get openLinks(): number {
    return this.#links.size
  }

  /** Closes every open connection with a FIN to both sides. */
  cut(): void {
    for (const link of [...this.#links]) {
      this.counters.faults++
      link.close('end')
    }
  }

  /** Makes every open connection silent in both directions, without telling anyone. */
  blackhole(): void {
    for (const link of this.#links) {
      if (link.silent) continue
      link.silent = true
      this.counters.faults++
    }
  }

  /** Delays every chunk by `ms ± jitterMs` (uniform), order kept per direction; 0 turns it off. */
  latency(ms: number, jitterMs = 0): void {
    if (!(ms >= 0 && jitterMs >= 0 && jitterMs <= ms)) {
      throw new RangeError(`need 0 <= jitterMs <= ms, got ${ms} and ${jitterMs}`)
    }
    this.#delay = { ms, jitterMs }
  }

  /** Cuts the next chunk each open connection gets from the target in half, then resets both sides. */
  resetMidFrame(): void {
    for (const link of this.#links) link.resetOnNextChunk = true
  }

  /** Forwards new connections to `target` from now on (a server that came back elsewhere). */
  retarget(target: ProxyTarget): void {
    this.#target = target
  }

  /** While on, connections are reset as soon as they are accepted. */
  refuse(on: boolean): void {
    this.#refusing = on
  }

  /** Stops listening and destroys every connection. */
  async close(): Promise<void> {
    for (const link of [...this.#links]) link.close('destroy')
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  #accept(client: Socket): void {
    this.counters.arrivals.push(performance.now())
    if (this.#refusing) {
      this.counters.refused++
      client.on('error', () => {})
      client.resetAndDestroy()
      return
    }
    this.counters.accepted++
    const upstream = new Socket()
    const link = new Link(client, upstream, this.counters, () => this.#nextDelay())
    this.#links.add(link)
    link.onClosed = () => this.#links.delete(link)
    // Data the client sends before the target answers is paused, not lost.
    client.pause()
    upstream.setNoDelay(true)
    upstream.connect(this.#target.port, this.#target.host, () => client.resume())
  }

  #nextDelay(): number {
    const { ms, jitterMs } = this.#delay
    return ms + (Math.random() * 2 - 1) * jitterMs
  }
}

/**
 * Starts a {@link FaultProxy} forwarding to `target`.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port })
 * const url = proxy.url('ws', '/socket/websocket')
 * ```
 */
export function startFaultProxy(target: ProxyTarget): Promise<FaultProxy> {
  return FaultProxy.start(target)
}

// One proxied connection: two sockets and the two directions between them.
class Link {
  silent = false
  resetOnNextChunk = false
  onClosed: () => void = () => {}
  readonly #client: Socket
  readonly #upstream: Socket
  readonly #counters: ProxyCounters
  #open = 2
  #destroyed = false

  constructor(client: Socket, upstream: Socket, counters: ProxyCounters, delay: () => number) {
    this.#client = client
    this.#upstream = upstream
    this.#counters = counters
    this.#pipe(client, upstream, delay, false)
    this.#pipe(upstream, client, delay, true)
    for (const socket of [client, upstream]) {
      // A reset or a refused upstream ends the link for both sides at once.
      socket.on('error', () => this.close('destroy'))
      socket.on('close', () => {
        if (--this.#open === 0) this.onClosed()
      })
    }
  }

  close(how: 'end' | 'destroy' | 'reset'): void {
    if (this.#destroyed) return
    this.#destroyed = how !== 'end'
    for (const socket of [this.#client, this.#upstream]) {
      if (socket.destroyed) continue
      if (how === 'end') socket.end()
      else if (how === 'reset') socket.resetAndDestroy()
      else socket.destroy()
    }
  }

  #pipe(from: Socket, to: Socket, delay: () => number, fromTarget: boolean): void {
    // Chunks leave in arrival order: each waits for its delay, but never less than
    // the one before it. A FIN waits behind the data sent before it. One queue and
    // one timer per direction: timers of nearly equal delays may fire out of order.
    const queue: { due: number; action: () => void }[] = []
    let timer: ReturnType<typeof setTimeout> | null = null
    const pump = () => {
      timer = null
      while (queue.length > 0 && (queue[0]?.due ?? 0) <= performance.now()) queue.shift()?.action()
      const next = queue[0]
      if (next) timer = setTimeout(pump, Math.max(1, next.due - performance.now()))
    }
    const later = (action: () => void) => {
      const due = Math.max(queue.at(-1)?.due ?? 0, performance.now() + delay())
      queue.push({ due, action })
      if (queue.length === 1 && timer === null) pump()
    }
    const writable = () => !this.silent && !to.destroyed && !to.writableEnded
    from.on('data', (chunk: Buffer) => {
      if (!writable()) {
        this.#counters.dropped += chunk.length
        return
      }
      if (fromTarget && this.resetOnNextChunk) return this.#resetWith(chunk, to)
      later(() => {
        if (!writable()) {
          this.#counters.dropped += chunk.length
          return
        }
        this.#counters.forwarded += chunk.length
        to.write(chunk)
      })
    })
    from.on('end', () => later(() => writable() && to.end()))
  }

  #resetWith(chunk: Buffer, to: Socket): void {
    const half = chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2)))
    this.resetOnNextChunk = false
    this.#counters.faults++
    this.#counters.forwarded += half.length
    this.#counters.dropped += chunk.length - half.length
    to.write(half, () => this.close('reset'))
  }
}
