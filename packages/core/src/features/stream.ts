import { createListeners } from '../listeners.ts'
import { STREAM_GAP } from '../protocol/app/stream.ts'
import { parseStreamId, type StreamIdParts } from '../protocol/stream-id.ts'
import { defineFeature, type Feature } from './define-feature.ts'

export { compareStreamIds, parseStreamId, type StreamIdParts } from '../protocol/stream-id.ts'

/**
 * Orders two message ids for lists that may hold something that is not a stream id (it
 * sorts first, as `0-0`), unlike `compareStreamIds`, which throws on those.
 *
 * @example
 * ```ts
 * orderStreamIds('999-0', '1000-0') // < 0
 * ```
 */
export function orderStreamIds(a: string, b: string): number {
  const x = parseStreamId(a) ?? ZERO
  const y = parseStreamId(b) ?? ZERO
  return x.ms - y.ms || x.seq - y.seq
}

const ZERO: StreamIdParts = { ms: 0, seq: 0 }

/**
 * Messages of the stream are missing and cannot be replayed: the server answered a
 * rejoin with `recovered: false`, or told the joined channel that it lost stream
 * entries (a `stream_gap` event, e.g. Redis restarted without them). What follows
 * starts after a gap, so reload the latest page.
 *
 * @example
 * ```ts
 * const gap: StreamGap = { topic: 'room:42', since: '1795340286123-0', live: false }
 * ```
 */
export interface StreamGap {
  topic: string
  /** The last id seen before the gap (`undefined`: none was seen yet). */
  since: string | undefined
  /**
   * `true`: told while joined (`stream_gap`), so reload now; `false`: a rejoin was
   * answered `recovered: false`, so the join that is completing reloads.
   */
  live: boolean
}

/**
 * Options of `stream(channel, options)`.
 *
 * @example
 * ```ts
 * stream(room, { since: newestIdOfTheLoadedPage })
 * ```
 */
export interface StreamOptions {
  /** Resume after this id on the first join (e.g. the newest message already shown). */
  since?: string
}

/**
 * A stream channel's delivery state: what it has seen and the gaps it met.
 *
 * @example
 * ```ts
 * const s: StreamChannel = stream(room)
 * s.onGap(() => reloadLatestPage())
 * ```
 */
export interface StreamChannel {
  /** The newest id delivered; sent as `since` on every rejoin. */
  lastId(): string | undefined
  /** Marks an id as seen (the newest of a page loaded by push), so it is resumed after. */
  seen(id: string): void
  /** Listens to gaps (`recovered: false` on a rejoin, or `stream_gap` while joined); returns an unsubscribe. */
  onGap(callback: (gap: StreamGap) => void): () => void
}

/**
 * Makes a channel a **stream**: it remembers the last message `id` it delivered, sends it
 * as `since` on every rejoin so the server replays what was missed, drops messages whose
 * id is not after the last one (duplicates of a reconnect race), and raises a gap when
 * the server could not replay everything. Messages without an id (ephemeral events such
 * as typing) pass through untouched.
 *
 * Set it up before the channel joins: `channel.on()` listeners then only ever see each
 * message once, in order.
 *
 * @example
 * ```ts
 * import { stream } from '@wirestate/core/stream'
 *
 * const room = client.channel('room:42:chat')
 * const chat = stream(room)
 * chat.onGap(() => reloadLatestPage())
 * room.on('new_msg', (msg) => append(msg)) // never twice, never out of order
 * room.join()
 * ```
 */
export const stream: Feature<StreamChannel, StreamOptions> = defineFeature((ctx, options) => {
  const { topic } = ctx.channel
  let lastId = options?.since
  let last = parseStreamId(lastId)
  let sent: string | undefined
  const gaps = createListeners<StreamGap>(ctx.logger)
  // Nothing before a gap counts any more: ids from a stream the server lost and
  // started again could even be lower than ours.
  const gap = (since: string | undefined, live: boolean) => {
    last = null
    lastId = undefined
    gaps.emit({ topic, since, live })
  }
  /** Moves past `id` unless it is not after the last one (then it is a duplicate). */
  const advance = (parsed: StreamIdParts, id: string) => {
    if (last && (parsed.ms - last.ms || parsed.seq - last.seq) <= 0) return false
    last = parsed
    lastId = id
    return true
  }
  ctx.hook({
    params() {
      sent = lastId
      return lastId === undefined ? {} : { since: lastId }
    },
    joined(response) {
      if (sent === undefined || (response as { recovered?: unknown })?.recovered !== false) return
      gap(sent, false) // the replay that follows starts after the gap
    },
    message(event, payload) {
      if (event === STREAM_GAP) {
        gap(lastId, true)
        return true
      }
      const id = (payload as { id?: unknown } | null)?.id
      const parsed = parseStreamId(id)
      if (!parsed || advance(parsed, id as string)) return true
      ctx.dropped(event)
      return false
    },
  })
  return {
    lastId: () => lastId,
    seen(id) {
      const parsed = parseStreamId(id)
      if (parsed) advance(parsed, id)
    },
    onGap: gaps.add,
  }
}, 'stream')
