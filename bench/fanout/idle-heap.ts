// bench/fanout, object by object: what an idle joined connection holds on a server's
// heap. The server runs in this process; the load generator joins N subscribers in two
// halves; a heap snapshot after each half, and the objects new in the second, grouped
// by kind and by what holds them, per connection. Code (JIT output) is left out.
//   pnpm --filter @wirestate/bench fanout:heap [-- --server naive --subscribers 1000]
import { fork } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { writeHeapSnapshot } from 'node:v8'
import { benchArgs } from '../cli-args.ts'
import { startNaiveServer } from './naive-server.ts'
import { startWirestateServer, TOPIC } from './wirestate-server.ts'

const { values } = parseArgs({
  args: benchArgs(),
  options: {
    server: { type: 'string', default: 'wirestate' },
    subscribers: { type: 'string', default: '1000' },
    rows: { type: 'string', default: '40' },
  },
})
const subscribers = Number(values.subscribers)
const server = values.server === 'naive' ? await startNaiveServer() : await startWirestateServer()
const clients = fork(
  new URL('./load-generator.ts', import.meta.url).pathname,
  [JSON.stringify({ url: server.url, subscribers, topic: TOPIC })],
  { execArgv: ['--conditions=@wirestate/source'] },
)

function next(type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return
      clients.off('message', onMessage)
      resolve(message)
    }
    clients.on('message', onMessage)
  })
}

// Written to a file and read only once both are taken: a parsed snapshot is large, and
// it must not be on the heap of the next one.
function snapshot(name: string): string {
  return writeHeapSnapshot(join(tmpdir(), `idle-heap-${process.pid}-${name}.heapsnapshot`))
}

function read(file: string): HeapSnapshot {
  const parsed = JSON.parse(readFileSync(file, 'utf8'))
  rmSync(file)
  return parsed
}

const ready = next('ready')
const { connections: first } = (await next('half')) as { connections: number }
const before = snapshot('before')
clients.send({ type: 'continue' })
await ready
const after = snapshot('after')
const added = subscribers + 1 - first
const rows = newObjects(read(before), read(after))
const total = rows.reduce((sum, row) => sum + row.bytes, 0)
console.log(
  `${values.server}: ${(total / added).toFixed(0)} B of new objects per idle joined connection (${added} connections), code left out`,
)
for (const row of rows.slice(0, Number(values.rows))) {
  const bytes = (row.bytes / added).toFixed(1).padStart(7)
  const count = (row.count / added).toFixed(2).padStart(6)
  console.log(`${bytes} B ${count}×  ${row.key.padEnd(44)} held by ${mainHolder(row)}`)
}
clients.send({ type: 'close' })
await server.close()
process.exit(0)

interface HeapSnapshot {
  snapshot: { meta: Record<string, unknown[]> }
  nodes: number[]
  edges: number[]
  strings: string[]
}

// The objects of `after` that `before` did not have (node ids persist across the
// snapshots of one process), by kind (`type:name`), with their count, bytes and holders.
function newObjects(before: HeapSnapshot, after: HeapSnapshot): Group[] {
  const nodeFields = after.snapshot.meta.node_fields as string[]
  const edgeFields = after.snapshot.meta.edge_fields as string[]
  const nodeTypes = (after.snapshot.meta.node_types as string[][])[0] as string[]
  const edgeTypes = (after.snapshot.meta.edge_types as string[][])[0] as string[]
  const [TYPE, NAME, ID, SIZE, EDGES] = ['type', 'name', 'id', 'self_size', 'edge_count'].map(
    (field) => nodeFields.indexOf(field),
  ) as [number, number, number, number, number]
  const [EDGE_TYPE, EDGE_NAME, EDGE_TO] = ['type', 'name_or_index', 'to_node'].map((field) =>
    edgeFields.indexOf(field),
  ) as [number, number, number]
  const { nodes, edges, strings } = after
  const at = (i: number, field: number) => nodes[i + field] as number
  const kind = (i: number) => nodeTypes[at(i, TYPE)] as string
  const describe = (i: number) =>
    kind(i).includes('string') ? kind(i) : `${kind(i)}:${strings[at(i, NAME)]?.slice(0, 40)}`
  const old = new Set<number>()
  for (let i = 0; i < before.nodes.length; i += nodeFields.length) {
    old.add(before.nodes[i + ID] as number)
  }
  // The first strong reference to each node names what holds it.
  const holder = new Map<number, string>()
  let edge = 0
  for (let i = 0; i < nodes.length; i += nodeFields.length) {
    for (let k = 0; k < at(i, EDGES); k++, edge += edgeFields.length) {
      const type = edgeTypes[edges[edge + EDGE_TYPE] as number] as string
      const to = edges[edge + EDGE_TO] as number
      if (type === 'weak' || holder.has(to)) continue
      const name = edges[edge + EDGE_NAME] as number
      const field = type === 'element' || type === 'hidden' ? name : strings[name]
      holder.set(to, `${describe(i)}.${field}`)
    }
  }
  const groups = new Map<string, Group>()
  for (let i = 0; i < nodes.length; i += nodeFields.length) {
    if (old.has(at(i, ID)) || kind(i) === 'code') continue
    const key = describe(i)
    const group = groups.get(key) ?? { key, count: 0, bytes: 0, holders: new Map() }
    group.count++
    group.bytes += at(i, SIZE)
    const by = holder.get(i) ?? '?'
    group.holders.set(by, (group.holders.get(by) ?? 0) + 1)
    groups.set(key, group)
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes)
}

interface Group {
  key: string
  count: number
  bytes: number
  /** What holds the objects of this kind, and how many each. */
  holders: Map<string, number>
}

// The holder of most of a group's objects.
function mainHolder(group: Group): string {
  return [...group.holders].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '?'
}
