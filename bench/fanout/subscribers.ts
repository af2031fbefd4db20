// Worker thread: opens the subscriber sockets and one publisher socket, so client
// work runs on the other core and the server's cost is what the benchmark sees.
import { parentPort, workerData } from 'node:worker_threads'
import WebSocket from 'ws'

/** What the main thread asks the worker to do. */
export interface SubscriberPlan {
  url: string
  subscribers: number
  /** `raw`: every frame counts; `phoenix`: join `topic` first and count only broadcasts. */
  mode: 'raw' | 'phoenix'
  topic: string
}

const plan = workerData as SubscriberPlan
const port = parentPort as NonNullable<typeof parentPort>
const sockets: WebSocket[] = []
let received = 0
let expected = Number.POSITIVE_INFINITY

function open(onFrame: (data: WebSocket.RawData) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(plan.url)
    ws.once('error', reject)
    ws.on('message', onFrame)
    ws.once('open', () => resolve(ws))
  })
}

function join(ws: WebSocket): Promise<void> {
  if (plan.mode === 'raw') return Promise.resolve()
  return new Promise((resolve) => {
    ws.once('message', () => resolve())
    ws.send(JSON.stringify(['1', '1', plan.topic, 'phx_join', {}]))
  })
}

function count(): void {
  received++
  if (received === expected) port.postMessage({ type: 'done', received })
}

async function connectAll(): Promise<WebSocket> {
  for (let i = 0; i < plan.subscribers; i += 50) {
    const batch = Array.from({ length: Math.min(50, plan.subscribers - i) }, async () => {
      const ws = await open(() => {})
      await join(ws)
      ws.removeAllListeners('message')
      ws.on('message', count)
      sockets.push(ws)
    })
    await Promise.all(batch)
  }
  const publisher = await open(() => {})
  await join(publisher)
  return publisher
}

const publisher = await connectAll()
port.on('message', (msg: { type: 'publish'; frames: string[] } | { type: 'close' }) => {
  if (msg.type === 'close') {
    for (const ws of [...sockets, publisher]) ws.terminate()
    port.close()
    return
  }
  received = 0
  expected = msg.frames.length * plan.subscribers
  for (const frame of msg.frames) publisher.send(frame)
})
port.postMessage({ type: 'ready' })
