// Child process: one server under test, alone on its core (bench/fanout pins it with
// taskset), so its CPU time and memory, read from /proc, are the server's only.
//   argv[2]: 'naive' | 'wirestate' | 'wirestate-presence'
import { startNaiveServer } from './naive-server.ts'
import { startWirestateServer } from './wirestate-server.ts'

/** Which server a child runs. */
export type ServerKind = 'naive' | 'wirestate' | 'wirestate-presence'

const kind = process.argv[2] as ServerKind
const server: { url: string; stats?: () => unknown; close(): Promise<void> } =
  kind === 'naive'
    ? await startNaiveServer()
    : await startWirestateServer({ presence: kind === 'wirestate-presence' })
const send = (message: object) => process.send?.(message)

process.on('message', async (message: { type: string }) => {
  if (message.type === 'gc') {
    // Twice: the first pass may leave what finalizers free for the second.
    globalThis.gc?.()
    globalThis.gc?.()
    send({ type: 'gc', heapUsed: process.memoryUsage().heapUsed })
  } else if (message.type === 'stats') {
    send({ type: 'stats', stats: server.stats?.() ?? null })
  } else if (message.type === 'stop') {
    await server.close()
    process.exit(0)
  }
})
send({ type: 'ready', url: server.url })
