import type { PresenceEntry, PresenceState } from '@wirestate/engine'
import type { RedisClient } from './redis-connection.ts'
import type { RedisKeys } from './redis-keys.ts'
import { RedisScript } from './redis-script.ts'

// Each script changes one topic's presence hash and publishes the diff in one
// atomic step: a diff is published once, by whoever made the change, in the same
// order as the changes. Entries are stored as "<node>\n<gen>\n<key JSON>\n<meta
// JSON>" so Lua can build diffs by concatenation; it never decodes JSON, which
// would turn `[]` into `{}` and round big numbers. Scripts touch only the topic's
// keys (one slot on a Cluster); the owner node's index is kept by separate
// commands, ordered so that a crash in between leaves an index entry pointing at
// nothing (harmless), never an entry nobody can find.
const PRELUDE = String.raw`
local function parse(value)
  return string.match(value, '^([^\n]*)\n([^\n]*)\n([^\n]*)\n(.*)$')
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

// KEYS: presence hash. ARGV: channel, ref, node, generation, key JSON, meta JSON,
// "restore" to rewrite an entry that is still there silently (new generation).
const TRACK = new RedisScript(String.raw`${PRELUDE}
local existed = redis.call('HEXISTS', KEYS[1], ARGV[2]) == 1
redis.call('HSET', KEYS[1], ARGV[2], table.concat({ARGV[3], ARGV[4], ARGV[5], ARGV[6]}, '\n'))
if existed and ARGV[7] == 'restore' then return 0 end
redis.call('SPUBLISH', ARGV[1], diff(group({{ARGV[5], ARGV[6]}}), '{}'))
return 1
`)

// KEYS: presence hash. ARGV: channel, ref.
const UNTRACK = new RedisScript(`${PRELUDE}
local value = redis.call('HGET', KEYS[1], ARGV[2])
if not value then return 0 end
local node, gen, key, meta = parse(value)
redis.call('HDEL', KEYS[1], ARGV[2])
redis.call('SPUBLISH', ARGV[1], diff('{}', group({{key, meta}})))
return 1
`)

// KEYS: presence hash. ARGV: channel, ref, new ref, key JSON, meta JSON. The owner
// node and its generation stay.
const UPDATE = new RedisScript(String.raw`${PRELUDE}
local value = redis.call('HGET', KEYS[1], ARGV[2])
if not value then return 0 end
local node, gen, key, meta = parse(value)
redis.call('HDEL', KEYS[1], ARGV[2])
redis.call('HSET', KEYS[1], ARGV[3], table.concat({node, gen, ARGV[4], ARGV[5]}, '\n'))
redis.call('SPUBLISH', ARGV[1], diff(group({{ARGV[4], ARGV[5]}}), group({{key, meta}})))
return 1
`)

// KEYS: presence hash. ARGV: channel, node, newest generation to remove ("any":
// all), then refs. Only that node's entries of that generation or older go: a
// node that came back has rewritten its entries with a newer generation. Whoever
// runs first publishes the leaves; a second sweeper finds them gone.
const REMOVE_NODE = new RedisScript(`${PRELUDE}
local newest = ARGV[3] == 'any' and math.huge or tonumber(ARGV[3])
local gone = {}
for i = 4, #ARGV do
  local value = redis.call('HGET', KEYS[1], ARGV[i])
  if value then
    local node, gen, key, meta = parse(value)
    if node == ARGV[2] and tonumber(gen) <= newest then
      redis.call('HDEL', KEYS[1], ARGV[i])
      gone[#gone + 1] = {key, meta}
    end
  end
end
if #gone > 0 then redis.call('SPUBLISH', ARGV[1], diff('{}', group(gone))) end
return #gone
`)

// KEYS: node index. ARGV: newest generation ("any": all), then fields. Drops the
// fields removed by REMOVE_NODE unless the node wrote them again meanwhile.
const PRUNE_INDEX = new RedisScript(`
local newest = ARGV[1] == 'any' and math.huge or tonumber(ARGV[1])
for i = 2, #ARGV do
  local gen = redis.call('HGET', KEYS[1], ARGV[i])
  if gen and tonumber(gen) <= newest then redis.call('HDEL', KEYS[1], ARGV[i]) end
end
return redis.call('HLEN', KEYS[1])
`)

interface Tracked {
  readonly topic: string
  readonly entry: PresenceEntry
}

/**
 * Presence shared by every node on one Redis (or Cluster): a hash per topic of
 * `ref -> owner node, generation, key, meta`, and per node an index of what it
 * owns so that removing a node costs what it tracks, not a scan of every topic.
 *
 * It converges: it remembers what this node tracks, to write it back (under a
 * new generation) when the cluster took this node for dead or Redis lost it;
 * and an untrack that failed (Redis unreachable) is retried until it succeeds,
 * so no entry outlives its membership.
 *
 * @example
 * ```ts
 * const presence = new RedisPresence(redis, new RedisKeys('wirestate:'), 'node-1')
 * await presence.track('room:1', { key: 'alice', ref: 'r1', meta: {} })
 * await presence.list('room:1') // { alice: { metas: [{ phx_ref: 'r1' }] } }
 * ```
 */
export class RedisPresence {
  readonly #redis: RedisClient
  readonly #keys: RedisKeys
  readonly #nodeId: string
  /** This node's generation; entries are written under it. */
  generation = 0
  // What this node tracks, by index field.
  readonly #mine = new Map<string, Tracked>()
  // Untracks that failed, by index field: retried by `retryRemovals`.
  readonly #unremoved = new Map<string, Tracked>()

  constructor(redis: RedisClient, keys: RedisKeys, nodeId: string) {
    this.#redis = redis
    this.#keys = keys
    this.#nodeId = nodeId
  }

  /** Untracks that failed and wait for a retry. */
  get pendingRemovals(): number {
    return this.#unremoved.size
  }

  /** Adds `entry` owned by this node and publishes its join. */
  async track(topic: string, entry: PresenceEntry): Promise<void> {
    const field = this.#keys.refField(topic, entry.ref)
    this.#mine.set(field, { topic, entry })
    this.#unremoved.delete(field)
    await this.#write(topic, entry, 'track')
  }

  /** Swaps the entry under `ref` for `next` in one diff; false when `ref` is unknown. */
  async update(topic: string, ref: string, next: PresenceEntry): Promise<boolean> {
    const keys = this.#keys
    const [oldField, newField] = [keys.refField(topic, ref), keys.refField(topic, next.ref)]
    const mine = this.#mine.delete(oldField)
    if (mine) this.#mine.set(newField, { topic, entry: next })
    const [keyJson, metaJson] = encode(next)
    if (mine) await this.#redis.hset(keys.nodeRefs(this.#nodeId), newField, this.generation)
    const done = await UPDATE.run(
      this.#redis,
      [keys.presence(topic)],
      [keys.channel(topic), ref, next.ref, keyJson, metaJson],
    )
    if (mine) await this.#redis.hdel(keys.nodeRefs(this.#nodeId), oldField)
    if (done !== 1 && mine) this.#mine.delete(newField)
    return done === 1
  }

  /**
   * Removes the entry under `ref` (whichever node owns it) and publishes its leave.
   * If Redis cannot be reached, rejects, and the removal is retried later.
   */
  async untrack(topic: string, ref: string): Promise<void> {
    const field = this.#keys.refField(topic, ref)
    const tracked = this.#mine.get(field) ?? { topic, entry: { key: '', ref, meta: {} } }
    this.#mine.delete(field)
    try {
      await this.#remove(field, tracked)
    } catch (error) {
      this.#unremoved.set(field, tracked)
      throw error
    }
  }

  /** Everyone on the topic, grouped by key. */
  async list(topic: string): Promise<PresenceState> {
    const values = await this.#redis.hvals(this.#keys.presence(topic))
    return groupByKey(values.map(decode))
  }

  /**
   * Removes the entries `nodeId` owns under generation `newest` or older (`any`:
   * all of them), one diff of leaves per topic; resolves how many went.
   */
  async removeNode(nodeId: string, newest: number | 'any'): Promise<number> {
    const index = this.#keys.nodeRefs(nodeId)
    const byTopic = new Map<string, string[]>()
    const fields: string[] = []
    for (const [field, gen] of Object.entries(await this.#redis.hgetall(index))) {
      if (newest !== 'any' && Number(gen) > newest) continue
      const [topic, ref] = JSON.parse(field) as [string, string]
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), ref])
      fields.push(field)
    }
    let removed = 0
    for (const [topic, refs] of byTopic) {
      const args = [this.#keys.channel(topic), nodeId, String(newest), ...refs]
      removed += Number(await REMOVE_NODE.run(this.#redis, [this.#keys.presence(topic)], args))
    }
    if (fields.length > 0) await PRUNE_INDEX.run(this.#redis, [index], [String(newest), ...fields])
    if (nodeId === this.#nodeId && newest === 'any') this.#mine.clear()
    return removed
  }

  /**
   * Writes back everything this node tracks under its (new) generation: entries
   * the cluster removed come back with a join; entries still there are rewritten
   * silently. Then retries failed removals.
   */
  async restore(): Promise<void> {
    for (const { topic, entry } of [...this.#mine.values()]) {
      await this.#write(topic, entry, 'restore')
    }
    await this.retryRemovals()
  }

  /** Retries the untracks that failed while Redis was unreachable. */
  async retryRemovals(): Promise<void> {
    for (const [field, tracked] of [...this.#unremoved]) {
      await this.#remove(field, tracked)
      this.#unremoved.delete(field)
    }
  }

  async #write(topic: string, entry: PresenceEntry, mode: 'track' | 'restore'): Promise<void> {
    const keys = this.#keys
    const [keyJson, metaJson] = encode(entry)
    const field = keys.refField(topic, entry.ref)
    const gen = String(this.generation)
    await this.#redis.hset(keys.nodeRefs(this.#nodeId), field, gen)
    await TRACK.run(
      this.#redis,
      [keys.presence(topic)],
      [keys.channel(topic), entry.ref, this.#nodeId, gen, keyJson, metaJson, mode],
    )
  }

  async #remove(field: string, { topic, entry }: Tracked): Promise<void> {
    const keys = this.#keys
    await UNTRACK.run(this.#redis, [keys.presence(topic)], [keys.channel(topic), entry.ref])
    await this.#redis.hdel(keys.nodeRefs(this.#nodeId), field)
  }
}

function encode({ key, ref, meta }: PresenceEntry): [keyJson: string, metaJson: string] {
  return [JSON.stringify(key), JSON.stringify({ ...meta, phx_ref: ref })]
}

function decode(value: string): { key: string; meta: PresenceState[string]['metas'][number] } {
  const [, , keyJson = '""', metaJson = '{}'] = value.split('\n')
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
