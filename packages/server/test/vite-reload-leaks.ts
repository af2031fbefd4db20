// Edits the handler file of a Vite dev server hosting the socket many times, with a
// client connected throughout, and prints (one JSON line) what the process holds
// before and after: timers, sockets and other async resources by type, listeners on the HTTP server,
// the process and Vite's watcher, and the heap after full collections. Run by
// vite-plugin-leaks.test.ts as its own process, so nothing else shares its heap:
//   node --expose-gc --conditions=@wirestate/source test/vite-reload-leaks.ts [edits]
import { createHook } from 'node:async_hooks'
import type { ViteDevServer } from 'vite'
import { FeatureSocket } from './features-socket.ts'
import { ViteApp } from './vite-app.ts'
import { fixtureFiles, roomsFile } from './vite-fixture.ts'

const EDITS = Number(process.argv[2] ?? 50) // even: a snapshot after each half
const WARM_UP = 5

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with --expose-gc')

// Every live async resource by type (timers, sockets, watchers...), referenced or not:
// an unref'd interval left behind by a reload counts too.
const live = new Map<number, string>()
createHook({
  init: (id, type) => void (type !== 'PROMISE' && live.set(id, type)),
  destroy: (id) => void live.delete(id),
}).enable()

const app = await ViteApp.create(fixtureFiles())
const dev = await app.dev()
const alice = await FeatureSocket.connect(dev.socketUrl, 'alice')
await alice.join('room:1')
let version = 1
let failedReloads = 0

async function editOnce(): Promise<void> {
  version += 1
  const { failed } = await app.edit('rooms.ts', roomsFile({ version }))
  failedReloads += failed
  const { response } = await alice.push('room:1', 'ping', {})
  if (response.version !== version) throw new Error(`ping answered ${JSON.stringify(response)}`)
}

try {
  for (let i = 0; i < WARM_UP; i++) await editOnce()
  const snapshots = [await snapshot(dev.server)]
  for (let i = 0; i < EDITS; i++) {
    await editOnce()
    if ((i + 1) % (EDITS / 2) === 0) snapshots.push(await snapshot(dev.server))
  }
  const result = { edits: EDITS, failedReloads, openThroughout: alice.openThroughout, snapshots }
  console.log(JSON.stringify(result))
} catch (error) {
  console.log('ERROR at version', version, error)
  throw error
} finally {
  alice.close()
  await dev.close()
  await app.remove()
}

async function snapshot(server: ViteDevServer) {
  // Let the watcher's throttle timers and the last frames' callbacks run out.
  await new Promise((resolve) => setTimeout(resolve, 200))
  for (let i = 0; i < 4; i++) {
    gc?.()
    await new Promise((resolve) => setImmediate(resolve))
  }
  const resources: Record<string, number> = {}
  for (const type of live.values()) resources[type] = (resources[type] ?? 0) + 1
  const http = server.httpServer
  return {
    resources,
    listeners: {
      httpUpgrade: http?.listenerCount('upgrade') ?? 0,
      httpRequest: http?.listenerCount('request') ?? 0,
      process: total(process),
      watcher: total(server.watcher),
    },
    heapUsed: process.memoryUsage().heapUsed,
  }
}

function total(emitter: NodeJS.EventEmitter): number {
  return emitter.eventNames().reduce((sum: number, name) => sum + emitter.listenerCount(name), 0)
}
