import { WebSocket } from 'ws'

/**
 * A frame as the feature tests read it.
 *
 * @example
 * ```ts
 * const frame: Frame = { joinRef: '1', ref: null, topic: 'room:1', event: 'new_msg', payload: {} }
 * ```
 */
export interface Frame {
  readonly joinRef: string | null
  readonly ref: string | null
  readonly topic: string
  readonly event: string
  readonly payload: Record<string, unknown>
}

/**
 * A push's reply.
 *
 * @example
 * ```ts
 * const reply: PushReply = { status: 'ok', response: { id: '1700000000000-0' } }
 * ```
 */
export interface PushReply {
  readonly status: 'ok' | 'error'
  readonly response: Record<string, unknown>
}

const WAIT_MS = 3000

/**
 * A raw v2 socket for the feature tests: pushes with their own refs, waits for
 * the matching reply, and keeps every other frame in arrival order so a test can
 * ask what arrived (`frames`) or wait for a frame (`waitFor`).
 *
 * @example
 * ```ts
 * const alice = await FeatureSocket.connect(server.url, 'alice')
 * await alice.join('room:1')
 * const { response } = await alice.push('room:1', 'new_msg', { body: 'hi' })
 * ```
 */
export class FeatureSocket {
  readonly #ws: WebSocket
  /** Settles when the socket has closed, by either side. */
  readonly closed: Promise<void>
  readonly #frames: Frame[] = []
  readonly #joinRefs = new Map<string, string>()
  #closes = 0
  #waiters = new Set<() => void>()
  #ref = 0

  private constructor(ws: WebSocket) {
    this.#ws = ws
    ws.on('message', (data) => {
      const [joinRef, ref, topic, event, payload] = JSON.parse(data.toString())
      this.#frames.push({ joinRef, ref, topic, event, payload })
      for (const waiter of this.#waiters) waiter()
    })
    this.closed = new Promise((resolve) =>
      ws.on('close', () => {
        this.#closes += 1
        resolve()
      }),
    )
  }

  /** Connects as `user` (the `user` connect param). */
  static connect(url: string, user: string): Promise<FeatureSocket> {
    const ws = new WebSocket(`${url}?vsn=2.0.0&user=${encodeURIComponent(user)}`)
    const socket = new FeatureSocket(ws)
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket))
      ws.once('error', reject)
    })
  }

  /** Joins and resolves to the join reply. */
  async join(topic: string, payload: object = {}): Promise<PushReply> {
    const ref = this.#nextRef()
    this.#joinRefs.set(topic, ref)
    this.#ws.send(JSON.stringify([ref, ref, topic, 'phx_join', payload]))
    return this.#reply(ref)
  }

  /** Pushes an event and resolves to its reply. */
  push(topic: string, event: string, payload: object): Promise<PushReply> {
    return this.#reply(this.send(topic, event, payload))
  }

  /** Pushes an event without waiting for a reply; returns its ref. */
  send(topic: string, event: string, payload: object): string {
    const ref = this.#nextRef()
    this.#ws.send(JSON.stringify([this.#joinRefs.get(topic) ?? null, ref, topic, event, payload]))
    return ref
  }

  /** Frames other than replies received so far, optionally of one topic and event. */
  frames(topic?: string, event?: string): Frame[] {
    return this.#frames.filter(
      (f) =>
        f.event !== 'phx_reply' &&
        (topic === undefined || f.topic === topic) &&
        (event === undefined || f.event === event),
    )
  }

  /** Every frame received, replies included, in order. */
  get all(): readonly Frame[] {
    return this.#frames
  }

  /** Waits until a received frame (of any kind) satisfies `match`; resolves to it. */
  waitFor(match: (frame: Frame) => boolean, what = 'a matching frame'): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.#frames.find(match)
        if (!found) return
        this.#waiters.delete(check)
        clearTimeout(timer)
        resolve(found)
      }
      const timer = setTimeout(() => {
        this.#waiters.delete(check)
        reject(new Error(`no ${what} within ${WAIT_MS} ms; got ${JSON.stringify(this.#frames)}`))
      }, WAIT_MS)
      this.#waiters.add(check)
      check()
    })
  }

  /** Open, and never closed since it connected (no close event, by either side). */
  get openThroughout(): boolean {
    return this.#closes === 0 && this.#ws.readyState === WebSocket.OPEN
  }

  close(): void {
    this.#ws.close(1000)
  }

  async #reply(ref: string): Promise<PushReply> {
    const frame = await this.waitFor(
      (f) => f.event === 'phx_reply' && f.ref === ref,
      `reply to ref ${ref}`,
    )
    return frame.payload as unknown as PushReply
  }

  #nextRef(): string {
    this.#ref += 1
    return String(this.#ref)
  }
}
