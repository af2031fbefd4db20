// Worker thread: the clients of bench/fanout's two-node run. Subscribers join the
// topic on the subscribing node, the publisher on the other node pushes at a
// steady rate, and every delivery's latency (push sent → frame received, one
// clock: both ends live in this thread) is kept.
import { parentPort, workerData } from 'node:worker_threads'
import WebSocket from 'ws'

/** What the main thread asks for. */
export interface LatencyPlan {
  publisherUrl: string
  subscriberUrl: string
  subscribers: number
  topic: string
  /** Messages per second. */
  rate: number
  messages: number
}

/** What a run measured. */
export interface LatencyResult {
  received: number
  expected: number
  /** Latencies in ms, sorted. */
  latencies: number[]
}

const plan = workerData as LatencyPlan
const port = parentPort as NonNullable<typeof parentPort>
const now = () => performance.timeOrigin + performance.now()
let latencies: number[] = []
let finish: (() => void) | null = null

function joined(url: string, onFrame?: (frame: unknown[]) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.once('error', reject)
    ws.once('open', () => {
      ws.send(JSON.stringify(['1', '1', plan.topic, 'phx_join', {}]))
      ws.once('message', () => {
        if (onFrame) ws.on('message', (data) => onFrame(JSON.parse(data.toString())))
        resolve(ws)
      })
    })
  })
}

function received(frame: unknown[]): void {
  if (frame[3] !== 'new_msg') return
  latencies.push(now() - (frame[4] as { t: number }).t)
  if (latencies.length === plan.subscribers * plan.messages) finish?.()
}

const sockets: WebSocket[] = []
for (let i = 0; i < plan.subscribers; i += 25) {
  const batch = Array.from({ length: Math.min(25, plan.subscribers - i) }, () =>
    joined(plan.subscriberUrl, received),
  )
  sockets.push(...(await Promise.all(batch)))
}
const publisher = await joined(plan.publisherUrl)

async function run(): Promise<LatencyResult> {
  latencies = []
  const done = new Promise<void>((resolve) => {
    finish = resolve
  })
  const start = now()
  for (let n = 0; n < plan.messages; n++) {
    const due = start + (n * 1000) / plan.rate
    const wait = due - now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    publisher.send(JSON.stringify(['1', String(n + 2), plan.topic, 'publish', { t: now(), n }]))
  }
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 10_000))])
  const expected = plan.subscribers * plan.messages
  return { received: latencies.length, expected, latencies: latencies.sort((a, b) => a - b) }
}

port.on('message', async (message: { type: 'run' } | { type: 'close' }) => {
  if (message.type === 'close') {
    for (const ws of [...sockets, publisher]) ws.terminate()
    port.close()
    return
  }
  port.postMessage({ type: 'result', result: await run() })
})
port.postMessage({ type: 'ready' })
