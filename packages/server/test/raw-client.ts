import { WebSocket } from 'ws'

/** A frame as received: text, or binary bytes. */
export type ReceivedFrame = string | Buffer

/**
 * A bare `ws` client for tests: sends exactly what it is told and keeps every
 * frame it receives, in order.
 *
 * @example
 * ```ts
 * const client = await RawClient.connect(`${server.url}?vsn=2.0.0&user=raw`)
 * client.send('[null,"1","phoenix","heartbeat",{}]')
 * expect(await client.next()).toBe('[null,"1","phoenix","phx_reply",{"response":{},"status":"ok"}]')
 * ```
 */
export class RawClient {
  readonly ws: WebSocket
  readonly closed: Promise<{ code: number; reason: string }>
  #inbox: ReceivedFrame[] = []
  #waiters: ((frame: ReceivedFrame) => void)[] = []

  private constructor(ws: WebSocket) {
    this.ws = ws
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    })
    ws.on('message', (data, isBinary) => {
      const frame = isBinary ? (data as Buffer) : data.toString()
      const waiter = this.#waiters.shift()
      if (waiter) waiter(frame)
      else this.#inbox.push(frame)
    })
  }

  /** Opens a connection; rejects with the HTTP status when the upgrade is refused. */
  static connect(
    url: string,
    options: { origin?: string; protocol?: string } = {},
  ): Promise<RawClient> {
    const ws = new WebSocket(url, options.protocol ?? [], { origin: options.origin })
    const client = new RawClient(ws)
    return new Promise((resolve, reject) => {
      ws.on('open', () => resolve(client))
      ws.on('unexpected-response', (_req, res) => {
        reject(new UpgradeRefused(res.statusCode ?? 0))
        ws.terminate()
      })
      ws.on('error', (error) => reject(error))
    })
  }

  /** Sends a text frame (a string) or a binary frame (bytes). */
  send(frame: string | Uint8Array | object): void {
    const data =
      typeof frame === 'string' || frame instanceof Uint8Array ? frame : JSON.stringify(frame)
    this.ws.send(data)
  }

  /** The next frame received, waiting up to `timeoutMs`. */
  next(timeoutMs = 2000): Promise<ReceivedFrame> {
    const queued = this.#inbox.shift()
    if (queued !== undefined) return Promise.resolve(queued)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1)
        reject(new Error(`no frame within ${timeoutMs} ms`))
      }, timeoutMs)
      const waiter = (frame: ReceivedFrame) => {
        clearTimeout(timer)
        resolve(frame)
      }
      this.#waiters.push(waiter)
    })
  }

  /** The next frame parsed as a v2 JSON array. */
  async nextJson(timeoutMs?: number): Promise<unknown[]> {
    const frame = await this.next(timeoutMs)
    if (typeof frame !== 'string') throw new Error('expected a text frame, got binary')
    return JSON.parse(frame)
  }

  /** Frames received but not read yet. */
  get unread(): readonly ReceivedFrame[] {
    return this.#inbox
  }

  close(): void {
    this.ws.close(1000)
  }
}

/**
 * The server answered the upgrade with an HTTP status instead of 101.
 *
 * @example
 * ```ts
 * await expect(RawClient.connect(url)).rejects.toEqual(new UpgradeRefused(403))
 * ```
 */
export class UpgradeRefused extends Error {
  readonly status: number
  constructor(status: number) {
    super(`upgrade refused with HTTP ${status}`)
    this.status = status
  }
}
