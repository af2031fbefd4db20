import { type FrameRecord, isReplyFrame } from './record.ts'

/**
 * Links each outgoing frame that carries a ref (a join, push, leave or heartbeat) to
 * the reply frame with the same ref, and records the round trip on both. Refs waiting
 * for a reply are bounded: the oldest are forgotten first (a push that never got one).
 *
 * @example
 * ```ts
 * const pairing = new FramePairing()
 * pairing.add(push)   // out, ref '5'
 * pairing.add(reply)  // in, phx_reply, ref '5'
 * reply.pair // { seq: push.seq, rttMs: reply.time - push.time }
 * ```
 */
export class FramePairing {
  #waiting = new Map<string, FrameRecord>()
  #limit: number

  constructor(limit = 1_000) {
    this.#limit = limit
  }

  /** How many outgoing frames wait for their reply. */
  get waiting(): number {
    return this.#waiting.size
  }

  /** Takes the next frame; returns the outgoing frame a reply was linked to, if any. */
  add(record: FrameRecord): FrameRecord | undefined {
    if (record.ref === null) return undefined
    if (record.direction === 'out') {
      // Map keeps insertion order, so the first key is the oldest wait.
      if (this.#waiting.size >= this.#limit) {
        this.#waiting.delete(this.#waiting.keys().next().value as string)
      }
      this.#waiting.set(record.ref, record)
      return undefined
    }
    if (!isReplyFrame(record)) return undefined
    const push = this.#waiting.get(record.ref)
    if (!push) return undefined
    this.#waiting.delete(record.ref)
    const rttMs = Math.max(0, record.time - push.time)
    push.pair = { seq: record.seq, rttMs }
    record.pair = { seq: push.seq, rttMs }
    return push
  }

  /** Forgets every waiting ref. */
  clear(): void {
    this.#waiting.clear()
  }
}
