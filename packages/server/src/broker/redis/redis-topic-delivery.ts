import { compareStreamIds } from '@wirestate/core/protocol'
import type { TopicEvent } from '@wirestate/engine'
import type { StoredMessage, StreamHead } from './redis-streams.ts'

/**
 * An event as it arrives on a topic's shard channel: stream messages also carry
 * their `seq` (the stream's append count).
 *
 * @example
 * ```ts
 * const incoming: IncomingEvent = { type: 'message', event: 'new_msg', payload: {}, from: null, id: '5-0', seq: 3 }
 * ```
 */
export type IncomingEvent = TopicEvent & { readonly seq?: number }

/**
 * Where a {@link TopicDelivery} reads what it missed: the stored messages after
 * an id (at most `count`) and, in the same atomic read, the stream's head.
 *
 * @example
 * ```ts
 * const source: CatchUpSource = { head: (t) => streams.head(t), readAfter: (t, id, n) => streams.catchUp(t, id, n) }
 * ```
 */
export interface CatchUpSource {
  head(topic: string): Promise<StreamHead | null>
  readAfter(
    topic: string,
    afterId: string,
    count: number,
  ): Promise<{ messages: StoredMessage[]; head: StreamHead | null }>
}

const NOTHING: StreamHead = { seq: 0, id: '0-0' }
const BATCH = 500
const RETRY_MS = 200

/**
 * Gap-free delivery of one topic on one node. Pub/sub carries the topic's events
 * fast, but drops whatever is published while the node resubscribes; so the node
 * keeps a cursor — the `seq` and id of the last stream entry it delivered — and
 * reads the stream itself whenever it may have missed something:
 *
 * - a message whose `seq` is more than one past the cursor (a publish was missed);
 * - `catchUp()`: the subscriber reconnected, or this node's heartbeat was lost;
 * - `audit()`: the head moved past the cursor and stayed there (a tail nobody
 *   announced).
 *
 * While it reads, arriving events wait, then go out in order; stream messages at
 * or before the cursor are dropped, so each entry is delivered once, in id order.
 * A `seq` that goes back under a newer id, a head behind the cursor or gone, or
 * entries missing from the stream mean Redis lost them: one `gap` is delivered in
 * their place, and delivery goes on from what the stream holds now.
 *
 * @example
 * ```ts
 * const delivery = new TopicDelivery('room:1', source, (event) => fanout(event), console.warn)
 * await delivery.start()
 * delivery.receive(JSON.parse(raw))
 * ```
 */
export class TopicDelivery {
  readonly topic: string
  readonly #source: CatchUpSource
  readonly #deliver: (event: TopicEvent) => void
  readonly #onError: (error: unknown) => void
  #cursor: StreamHead = NOTHING
  // Events that arrived while the stream was being read; null when live.
  #waiting: IncomingEvent[] | null = []
  #reading: Promise<void> | null = null
  #readAgain = false
  #behindAt: number | null = null
  #retry: ReturnType<typeof setTimeout> | null = null
  #closed = false

  constructor(
    topic: string,
    source: CatchUpSource,
    deliver: (event: TopicEvent) => void,
    onError: (error: unknown) => void,
  ) {
    this.topic = topic
    this.#source = source
    this.#deliver = deliver
    this.#onError = onError
  }

  /** The last stream entry delivered (`seq` 0 before any). */
  get cursor(): StreamHead {
    return this.#cursor
  }

  /** Places the cursor at the stream's head; call once subscribed. Rejects if Redis cannot be read. */
  async start(): Promise<void> {
    this.#cursor = (await this.#source.head(this.topic)) ?? NOTHING
    this.#release()
  }

  /** An event from the topic's channel. */
  receive(event: IncomingEvent): void {
    if (this.#closed) return
    if (this.#waiting) this.#waiting.push(event)
    else this.#classify(event)
  }

  /** Reads the stream after the cursor; resolves once caught up (retrying while Redis fails). */
  catchUp(): Promise<void> {
    if (this.#closed) return Promise.resolve()
    this.#waiting ??= []
    if (this.#reading) {
      this.#readAgain = true
      return this.#reading
    }
    this.#reading = this.#read()
    return this.#reading
  }

  /** Compares the head with the cursor; catches up if it lags two audits in a row, or was lost. */
  async audit(): Promise<void> {
    if (this.#closed || this.#waiting) return
    const head = (await this.#source.head(this.topic)) ?? NOTHING
    const cursor = this.#cursor
    if (head.seq < cursor.seq || (head.seq === cursor.seq && head.id !== cursor.id)) {
      return this.catchUp()
    }
    if (head.seq === cursor.seq) this.#behindAt = null
    else if (this.#behindAt !== null && cursor.seq < this.#behindAt) return this.catchUp()
    else this.#behindAt = head.seq
  }

  /** Stops delivering; a read in progress is abandoned. */
  close(): void {
    this.#closed = true
    this.#waiting = null
    if (this.#retry) clearTimeout(this.#retry)
  }

  async #read(): Promise<void> {
    do {
      this.#readAgain = false
      try {
        await this.#readMissing()
      } catch (error) {
        if (this.#closed) break
        this.#onError(error)
        await new Promise<void>((resolve) => {
          this.#retry = setTimeout(resolve, RETRY_MS)
        })
        this.#readAgain = true
      }
    } while (this.#readAgain && !this.#closed)
    // Cleared before releasing: what waited may start the next read.
    this.#reading = null
    if (!this.#closed) this.#release()
  }

  async #readMissing(): Promise<void> {
    for (;;) {
      const { messages, head } = await this.#source.readAfter(this.topic, this.#cursor.id, BATCH)
      if (this.#closed) return
      for (const message of messages) this.#deliverStored(message)
      if (messages.length === BATCH) continue
      this.#settleWith(head ?? NOTHING)
      return
    }
  }

  // After reading the whole tail, the cursor must be the head; anything else
  // means entries vanished (a deleted stream, a lost Redis).
  #settleWith(head: StreamHead): void {
    const cursor = this.#cursor
    if (head.seq === cursor.seq && head.id === cursor.id) return
    if (head.seq === 0 && cursor.seq === 0) return
    this.#cursor = head
    this.#deliver({ type: 'gap' })
  }

  #deliverStored(message: StoredMessage): void {
    const { seq, id, event, payload, from } = message
    if (seq !== this.#cursor.seq + 1) this.#deliver({ type: 'gap' })
    this.#cursor = { seq, id }
    this.#deliver({ type: 'message', event, payload, from, id })
  }

  #classify(incoming: IncomingEvent): void {
    if (incoming.type !== 'message' || incoming.seq === undefined || incoming.id === null) {
      this.#deliver(incoming)
      return
    }
    const { seq, ...event } = incoming
    const cursor = this.#cursor
    if (compareStreamIds(event.id as string, cursor.id) <= 0) return // delivered already
    if (seq > cursor.seq + 1) {
      // A publish was missed: read the stream, this message waits behind it.
      this.#waiting = [incoming]
      void this.catchUp()
      return
    }
    if (seq <= cursor.seq) this.#deliver({ type: 'gap' }) // numbering restarted: entries lost
    this.#cursor = { seq, id: event.id as string }
    this.#behindAt = null
    this.#deliver(event)
  }

  #release(): void {
    const waiting = this.#waiting ?? []
    this.#waiting = null
    for (const [i, event] of waiting.entries()) {
      this.#classify(event)
      if (this.#waiting) {
        // That event started another read: the rest waits behind it, in order.
        ;(this.#waiting as IncomingEvent[]).push(...waiting.slice(i + 1))
        return
      }
    }
  }
}
