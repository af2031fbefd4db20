import { compareStreamIds, parseStreamId } from '@wirestate/core/protocol'
import type {
  HistoryPage,
  OutgoingMessage,
  SinceResult,
  StreamEntry,
  StreamRetention,
} from '@wirestate/engine'
import type { Redis } from 'ioredis'
import type { RedisKeys } from './redis-keys.ts'
import { RedisScript } from './redis-script.ts'

// XADD, trim and PUBLISH in one atomic step: two nodes appending at once get ids
// in the order Redis ran their scripts, and publish in that same order, so every
// subscriber sees ids ascending. A plain XADD followed by a separate PUBLISH could
// let a later id overtake an earlier one on the channel.
//
// Trimming is exact (`MAXLEN =`, `MINID`), never `~`: approximate trimming keeps
// an unknown number of extra entries, and "what was trimmed" must be known to the
// id for `complete`. Redis does not record what XTRIM removed (its
// `max-deleted-entry-id` only follows XDEL), so the script finds the newest entry
// it is about to trim and records it there itself with XSETID ... MAXDELETEDID.
//
// KEYS[1] stream; ARGV: channel, event, payload JSON, the message as a TopicEvent
// JSON without its id, maxLength or '', maxAgeMs or ''.
const APPEND = new RedisScript(`
local stream = KEYS[1]
local id = redis.call('XADD', stream, '*', 'event', ARGV[2], 'payload', ARGV[3])
local trimmed = false
if ARGV[5] ~= '' then
  local excess = redis.call('XLEN', stream) - tonumber(ARGV[5])
  if excess > 0 then
    local head = redis.call('XRANGE', stream, '-', '+', 'COUNT', excess)
    trimmed = head[#head][1]
    redis.call('XTRIM', stream, 'MAXLEN', '=', ARGV[5])
  end
end
if ARGV[6] ~= '' then
  local cutoff = tonumber(string.match(id, '^%d+')) - tonumber(ARGV[6])
  if cutoff > 0 then
    local minid = string.format('%d-0', cutoff)
    local older = redis.call('XREVRANGE', stream, '(' .. minid, '-', 'COUNT', 1)
    if older[1] then
      trimmed = older[1][1]
      redis.call('XTRIM', stream, 'MINID', minid)
    end
  end
end
if trimmed then redis.call('XSETID', stream, id, 'MAXDELETEDID', trimmed) end
redis.call('PUBLISH', ARGV[1], string.sub(ARGV[4], 1, -2) .. ',"id":"' .. id .. '"}')
return id
`)

type RawEntry = [id: string, fields: string[]]

/**
 * Topic histories as Redis streams: append (with trimming and publishing),
 * replay after an id, and paging backwards. Ids are Redis's own `ms-seq` ids.
 *
 * @example
 * ```ts
 * const streams = new RedisStreams(redis, new RedisKeys('wirestate:'))
 * const entry = await streams.append('room:1', { event: 'new_msg', payload: {}, from: null }, { maxLength: 100 })
 * await streams.readSince('room:1', entry.id) // { entries: [], complete: true }
 * ```
 */
export class RedisStreams {
  readonly #redis: Redis
  readonly #keys: RedisKeys

  constructor(redis: Redis, keys: RedisKeys) {
    this.#redis = redis
    this.#keys = keys
  }

  /** Stores, trims and publishes one message; resolves with its entry. */
  async append(
    topic: string,
    message: OutgoingMessage,
    retention: StreamRetention,
  ): Promise<StreamEntry> {
    const payload = JSON.stringify(message.payload ?? null)
    const { event, from } = message
    const unnumbered = JSON.stringify({ type: 'message', event, payload: message.payload, from })
    const id = await APPEND.run(
      this.#redis,
      [this.#keys.stream(topic)],
      [
        this.#keys.channel(topic),
        event,
        payload,
        unnumbered,
        bound(retention.maxLength, 'maxLength'),
        bound(retention.maxAgeMs, 'maxAgeMs'),
      ],
    )
    return { id: String(id), event, payload: JSON.parse(payload) }
  }

  /** Entries after `sinceId`, and whether nothing after it was trimmed. */
  async readSince(topic: string, sinceId: string): Promise<SinceResult> {
    assertStreamId(sinceId)
    const key = this.#keys.stream(topic)
    // One transaction, so no append can trim between reading the bookkeeping and the range.
    const replies = await this.#redis
      .multi()
      .xinfo('STREAM', key)
      .xrange(key, `(${sinceId}`, '+')
      .exec()
    const [info, range] = replies ?? []
    if (!info || info[0] || !range) return { entries: [], complete: false }
    if (range[0]) throw range[0]
    const entries = (range[1] as RawEntry[]).map(toEntry)
    return { entries, complete: compareStreamIds(sinceId, oldestSafeId(info[1] as unknown[])) >= 0 }
  }

  /** Up to `limit` entries before `beforeId` (the newest when null), oldest first. */
  async readBefore(topic: string, beforeId: string | null, limit: number): Promise<HistoryPage> {
    if (beforeId !== null) assertStreamId(beforeId)
    const count = Math.max(0, Math.floor(limit))
    const end = beforeId === null ? '+' : `(${beforeId}`
    const raw = (await this.#redis.xrevrange(
      this.#keys.stream(topic),
      end,
      '-',
      'COUNT',
      count + 1,
    )) as RawEntry[]
    const entries = raw.slice(0, count).map(toEntry).reverse()
    return { entries, more: raw.length > count }
  }
}

// Replay from `id` is complete when `id` is at least this: the newest trimmed id
// (recorded by APPEND), or, if none is recorded, the first retained one — the
// stream may have been recreated, or trimmed by something other than this broker.
function oldestSafeId(info: unknown[]): string {
  const field = (name: string) => info[info.indexOf(name) + 1]
  const maxDeleted = String(field('max-deleted-entry-id'))
  if (maxDeleted !== '0-0') return maxDeleted
  const first = field('first-entry') as RawEntry | null
  return first ? first[0] : String(field('last-generated-id'))
}

function toEntry([id, fields]: RawEntry): StreamEntry {
  const value = (name: string) => fields[fields.indexOf(name) + 1] ?? 'null'
  return { id, event: value('event'), payload: JSON.parse(value('payload')) }
}

function bound(value: number | undefined, name: string): string {
  if (value === undefined) return ''
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`retention.${name} must be a whole number >= 0, got ${value}`)
  }
  return String(value)
}

function assertStreamId(id: string): void {
  if (!parseStreamId(id)) {
    throw new TypeError(`not a stream id: ${JSON.stringify(id)} (validate with parseStreamId)`)
  }
}
