import type { PresenceEntry, PresenceState } from '@wirestate/engine'
import type { Redis } from 'ioredis'
import type { RedisKeys } from './redis-keys.ts'
import { RedisScript } from './redis-script.ts'

// Each script changes the topic's presence hash, the owner node's index and
// publishes the diff in one atomic step: a diff is published once, by whoever
// made the change, in the same order as the changes. Entries are stored as
// "<node>\n<key JSON>\n<meta JSON>" so Lua can build diffs by concatenation; it
// never decodes JSON, which would turn `[]` into `{}` and round big numbers.
// Scripts reach the owner's index by name (`<nodeRefsPrefix><node>:refs`), which a
// single Redis allows; Redis Cluster would need hash tags (not supported).
const PRELUDE = String.raw`
local function parse(value)
  return string.match(value, '^([^\n]*)\n([^\n]*)\n(.*)$')
end
local function group(entries)
  local order, metas = {}, {}
  for _, entry in ipairs(entries) do
    local key = entry[1]
    if not metas[key] then metas[key] = {}; order[#order + 1] = key end
    table.insert(metas[key], entry[2])
  end
  local parts = {}
  for i, key in ipairs(order) do
    parts[i] = key .. ':{"metas":[' .. table.concat(metas[key], ',') .. ']}'
  end
  return '{' .. table.concat(parts, ',') .. '}'
end
local function diff(joins, leaves)
  return '{"type":"presence_diff","joins":' .. joins .. ',"leaves":' .. leaves .. '}'
end
`

// KEYS: presence hash, node index. ARGV: channel, ref, node, key JSON, meta JSON,
// index field, "missing" to do nothing when the ref is already there.
const TRACK = new RedisScript(String.raw`${PRELUDE}
if ARGV[7] == 'missing' and redis.call('HEXISTS', KEYS[1], ARGV[2]) == 1 then return 0 end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3] .. '\n' .. ARGV[4] .. '\n' .. ARGV[5])
redis.call('HSET', KEYS[2], ARGV[6], '')
redis.call('PUBLISH', ARGV[1], diff(group({{ARGV[4], ARGV[5]}}), '{}'))
return 1
`)

// KEYS: presence hash. ARGV: channel, ref, index prefix, index field.
const UNTRACK = new RedisScript(`${PRELUDE}
local value = redis.call('HGET', KEYS[1], ARGV[2])
if not value then return 0 end
local node, key, meta = parse(value)
redis.call('HDEL', KEYS[1], ARGV[2])
redis.call('HDEL', ARGV[3] .. node .. ':refs', ARGV[4])
redis.call('PUBLISH', ARGV[1], diff('{}', group({{key, meta}})))
return 1
`)

// KEYS: presence hash. ARGV: channel, ref, index prefix, index field, then the new
// ref, key JSON, meta JSON and index field. The owner node stays the same.
const UPDATE = new RedisScript(String.raw`${PRELUDE}
local value = redis.call('HGET', KEYS[1], ARGV[2])
if not value then return 0 end
local node, key, meta = parse(value)
local index = ARGV[3] .. node .. ':refs'
redis.call('HDEL', KEYS[1], ARGV[2])
redis.call('HDEL', index, ARGV[4])
redis.call('HSET', KEYS[1], ARGV[5], node .. '\n' .. ARGV[6] .. '\n' .. ARGV[7])
redis.call('HSET', index, ARGV[8], '')
redis.call('PUBLISH', ARGV[1], diff(group({{ARGV[6], ARGV[7]}}), group({{key, meta}})))
return 1
`)

// KEYS: presence hash, node index, node heartbeat. ARGV: channel, node, then
// (ref, index field) pairs. Only the owner's entries go, and nothing goes if the
// node is beating again; whichever sweeper runs first publishes the leaves, any
// other finds them gone and publishes nothing.
const REMOVE_NODE = new RedisScript(`${PRELUDE}
if ARGV[3] ~= 'closing' and redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
local gone = {}
for i = 4, #ARGV, 2 do
  local value = redis.call('HGET', KEYS[1], ARGV[i])
  if value then
    local node, key, meta = parse(value)
    if node == ARGV[2] then
      redis.call('HDEL', KEYS[1], ARGV[i])
      gone[#gone + 1] = {key, meta}
    end
  end
  redis.call('HDEL', KEYS[2], ARGV[i + 1])
end
if #gone > 0 then redis.call('PUBLISH', ARGV[1], diff('{}', group(gone))) end
return #gone
`)

/**
 * Presence shared by every node on one Redis: a hash per topic of
 * `ref -> owner node, key, meta`, and per node an index of what it owns so that
 * removing a node costs what it tracks, not a scan of every topic. Remembers what
 * this node tracked, to put it back if the cluster ever took this node for dead.
 *
 * @example
 * ```ts
 * const presence = new RedisPresence(redis, new RedisKeys('wirestate:'), 'node-1')
 * await presence.track('room:1', { key: 'alice', ref: 'r1', meta: {} })
 * await presence.list('room:1') // { alice: { metas: [{ phx_ref: 'r1' }] } }
 * ```
 */
export class RedisPresence {
  readonly #redis: Redis
  readonly #keys: RedisKeys
  readonly #nodeId: string
  // What this node tracked, by index field, to restore after being swept by mistake.
  readonly #mine = new Map<string, { topic: string; entry: PresenceEntry }>()

  constructor(redis: Redis, keys: RedisKeys, nodeId: string) {
    this.#redis = redis
    this.#keys = keys
    this.#nodeId = nodeId
  }

  /** Adds `entry` owned by this node and publishes its join. */
  async track(topic: string, entry: PresenceEntry): Promise<void> {
    this.#mine.set(this.#keys.refField(topic, entry.ref), { topic, entry })
    await this.#track(topic, entry, 'always')
  }

  /** Swaps the entry under `ref` for `next` in one diff; false when `ref` is unknown. */
  async update(topic: string, ref: string, next: PresenceEntry): Promise<boolean> {
    const oldField = this.#keys.refField(topic, ref)
    const newField = this.#keys.refField(topic, next.ref)
    if (this.#mine.delete(oldField)) this.#mine.set(newField, { topic, entry: next })
    const [keyJson, metaJson] = encode(next)
    const prefix = this.#keys.nodeRefsPrefix()
    const done = await UPDATE.run(
      this.#redis,
      [this.#keys.presence(topic)],
      [this.#keys.channel(topic), ref, prefix, oldField, next.ref, keyJson, metaJson, newField],
    )
    return done === 1
  }

  /** Removes the entry under `ref` (whichever node owns it) and publishes its leave. */
  async untrack(topic: string, ref: string): Promise<void> {
    const field = this.#keys.refField(topic, ref)
    this.#mine.delete(field)
    await UNTRACK.run(
      this.#redis,
      [this.#keys.presence(topic)],
      [this.#keys.channel(topic), ref, this.#keys.nodeRefsPrefix(), field],
    )
  }

  /** Everyone on the topic, grouped by key. */
  async list(topic: string): Promise<PresenceState> {
    const values = await this.#redis.hvals(this.#keys.presence(topic))
    return groupByKey(values.map(decode))
  }

  /**
   * Removes every entry `nodeId` owns, one diff of leaves per topic. A dead node's
   * entries stay if its heartbeat came back; `closing` (this node leaving) skips
   * that check.
   */
  async removeNode(nodeId: string, mode: 'dead' | 'closing'): Promise<number> {
    const index = this.#keys.nodeRefs(nodeId)
    const byTopic = new Map<string, string[]>()
    for (const field of await this.#redis.hkeys(index)) {
      const [topic, ref] = JSON.parse(field) as [string, string]
      const pairs = byTopic.get(topic) ?? []
      pairs.push(ref, field)
      byTopic.set(topic, pairs)
    }
    let removed = 0
    for (const [topic, pairs] of byTopic) {
      const keys = [this.#keys.presence(topic), index, this.#keys.heartbeat(nodeId)]
      const args = [this.#keys.channel(topic), nodeId, mode, ...pairs]
      removed += Number(await REMOVE_NODE.run(this.#redis, keys, args))
    }
    if (mode === 'closing') this.#mine.clear()
    return removed
  }

  /** Tracks again whatever of this node's entries the cluster removed; publishes those joins. */
  async restore(): Promise<void> {
    for (const { topic, entry } of [...this.#mine.values()]) {
      await this.#track(topic, entry, 'missing')
    }
  }

  async #track(topic: string, entry: PresenceEntry, when: 'always' | 'missing'): Promise<void> {
    const [keyJson, metaJson] = encode(entry)
    const field = this.#keys.refField(topic, entry.ref)
    await TRACK.run(
      this.#redis,
      [this.#keys.presence(topic), this.#keys.nodeRefs(this.#nodeId)],
      [this.#keys.channel(topic), entry.ref, this.#nodeId, keyJson, metaJson, field, when],
    )
  }
}

function encode({ key, ref, meta }: PresenceEntry): [keyJson: string, metaJson: string] {
  return [JSON.stringify(key), JSON.stringify({ ...meta, phx_ref: ref })]
}

function decode(value: string): { key: string; meta: PresenceState[string]['metas'][number] } {
  const [, keyJson = '""', metaJson = '{}'] = value.split('\n')
  return { key: JSON.parse(keyJson), meta: JSON.parse(metaJson) }
}

// Null prototype: keys come from applications (often user names), so a key like
// `__proto__` must be an ordinary key.
function groupByKey(entries: ReturnType<typeof decode>[]): PresenceState {
  const state: PresenceState = Object.create(null)
  for (const { key, meta } of entries) {
    const group = state[key] ?? { metas: [] }
    group.metas.push(meta)
    state[key] = group
  }
  return state
}
