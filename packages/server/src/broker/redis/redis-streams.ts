import { randomUUID } from 'node:crypto'
import { compareStreamIds, parseStreamId } from '@wirestate/core/protocol'
import type {
  HistoryPage,
  OutgoingMessage,
  SinceResult,
  StreamEntry,
  StreamRetention,
} from '@wirestate/engine'
import type { RedisClient } from './redis-connection.ts'
import type { RedisKeys } from './redis-keys.ts'
import { RedisScript } from './redis-script.ts'

// Append once, number, store, trim and publish in one atomic step: two nodes
// appending at once get ids in the order Redis ran their scripts, and publish in
// that same order, so every subscriber sees ids ascending.
//
// Exactly once: the appending node names each append with a random receipt key.
// If the reply is lost and the command is sent again (ioredis resends unanswered
// commands after a reconnect), the receipt is found and the stored id is returned
// without storing or publishing anything.
//
// `seq` counts the stream's appends (1, 2, 3, ...) and travels in the entry and in
// the published message: a subscriber that sees a seq jump knows it missed a
// publish and reads the stream to catch up; a seq that goes back under a newer id
// means Redis lost entries (restarted without them): a gap to signal.
//
// Trimming is exact (`MAXLEN =`, `MINID`), never `~`: approximate trimming keeps
// an unknown number of extra entries, and "what was trimmed" must be known to the
// id for `complete`. Redis does not record what XTRIM removed (its
// `max-deleted-entry-id` only follows XDEL), so the script finds the newest entry
// it is about to trim and records it there itself with XSETID ... MAXDELETEDID.
//
// KEYS: stream, head, receipt. ARGV: channel, event, payload JSON, from ('' for
// none), the message as a TopicEvent JSON without id and seq, maxLength or '',
// maxAgeMs or '', receipt lifetime in ms.
const APPEND = new RedisScript(`
local stream, head, receipt = KEYS[1], KEYS[2], KEYS[3]
local stored = redis.call('GET', receipt)
if stored then return stored end
local seq = redis.call('HINCRBY', head, 'seq', 1)
local fields = {'event', ARGV[2], 'payload', ARGV[3], 'seq', seq}
if ARGV[4] ~= '' then fields[7] = 'from'; fields[8] = ARGV[4] end
local id = redis.call('XADD', stream, '*', unpack(fields))
redis.call('HSET', head, 'id', id)
local trimmed = false
if ARGV[6] ~= '' then
  local excess = redis.call('XLEN', stream) - tonumber(ARGV[6])
  if excess > 0 then
    local oldest = redis.call('XRANGE', stream, '-', '+', 'COUNT', excess)
    trimmed = oldest[#oldest][1]
    redis.call('XTRIM', stream, 'MAXLEN', '=', ARGV[6])
  end
end
if ARGV[7] ~= '' then
  local cutoff = tonumber(string.match(id, '^%d+')) - tonumber(ARGV[7])
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
redis.call('SET', receipt, id, 'PX', ARGV[8])
local numbered = ',"id":"' .. id .. '","seq":' .. seq .. '}'
redis.call('SPUBLISH', ARGV[1], string.sub(ARGV[5], 1, -2) .. numbered)
return id
`)

/**
 * How long a receipt keeps an append from being stored twice. ioredis gives a
 * command up after `maxRetriesPerRequest` (20) reconnection attempts, each at
 * most 2 s apart: a resend comes well within this.
 */
const RECEIPT_TTL_MS = 120_000

/**
 * A stream entry with what delivery needs besides its content: its place in the
 * count of appends, and the connection that sent it.
 *
 * @example
 * ```ts
 * const stored: StoredMessage = { id: '1700000000000-0', seq: 1, event: 'new_msg', payload: {}, from: null }
 * ```
 */
export interface StoredMessage extends StreamEntry {
  readonly seq: number
  readonly from: string | null
}

/**
 * The newest append of a stream: how many there were (`seq`) and the last id.
 *
 * @example
 * ```ts
 * const head: StreamHead = { seq: 42, id: '1700000000000-3' }
 * ```
 */
export interface StreamHead {
  readonly seq: number
  readonly id: string
}

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
  readonly #redis: RedisClient
  readonly #keys: RedisKeys

  constructor(redis: RedisClient, keys: RedisKeys) {
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
    const keys = this.#keys
    const id = await APPEND.run(
      this.#redis,
      [keys.stream(topic), keys.head(topic), keys.receipt(topic, randomUUID())],
      [
        keys.channel(topic),
        event,
        payload,
        from ?? '',
        unnumbered,
        bound(retention.maxLength, 'maxLength'),
        bound(retention.maxAgeMs, 'maxAgeMs'),
        String(RECEIPT_TTL_MS),
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

  /**
   * Up to `count` stored messages after `afterId`, oldest first, and the head, read
   * in one transaction: what a subscriber that may have missed publishes catches up with.
   */
  async readAfter(
    topic: string,
    afterId: string,
    count: number,
  ): Promise<{ messages: StoredMessage[]; head: StreamHead | null }> {
    const replies = await this.#redis
      .multi()
      .xrange(this.#keys.stream(topic), `(${afterId}`, '+', 'COUNT', count)
      .hmget(this.#keys.head(topic), 'seq', 'id')
      .exec()
    const [range, head] = replies ?? []
    if (!range || !head) throw new Error(`the catch-up read of ${topic} was discarded`)
    if (range[0]) throw range[0]
    if (head[0]) throw head[0]
    return { messages: (range[1] as RawEntry[]).map(toStoredMessage), head: toHead(head[1]) }
  }

  /** The stream's append count and newest id; `null` when Redis has no record of it. */
  async head(topic: string): Promise<StreamHead | null> {
    return toHead(await this.#redis.hmget(this.#keys.head(topic), 'seq', 'id'))
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

function toHead(fields: unknown): StreamHead | null {
  const [seq, id] = fields as (string | null)[]
  return seq && id ? { seq: Number(seq), id } : null
}

function toEntry(raw: RawEntry): StreamEntry {
  const { id, event, payload } = toStoredMessage(raw)
  return { id, event, payload }
}

// Fields alternate name, value; an event may itself be named "seq" or "from".
function toStoredMessage([id, fields]: RawEntry): StoredMessage {
  const named = new Map<string, string>()
  for (let i = 0; i + 1 < fields.length; i += 2)
    named.set(fields[i] as string, fields[i + 1] as string)
  return {
    id,
    event: named.get('event') ?? '',
    payload: JSON.parse(named.get('payload') ?? 'null'),
    seq: Number(named.get('seq') ?? 0),
    from: named.get('from') ?? null,
  }
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
