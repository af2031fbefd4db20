// bench/fanout: one publisher to 1,000 subscribers on loopback. Deliveries per
// second through @wirestate/server against a bare `ws` broadcast loop measured in
// the same run, and the server heap each idle joined connection costs.
//   pnpm --filter @wirestate/bench fanout [-- --subscribers 1000 --messages 200 --rounds 5]
import { parseArgs } from 'node:util'
import { getHeapStatistics } from 'node:v8'
import { Worker } from 'node:worker_threads'
import { chatFrames } from '../dispatch/frames.ts'
import { startRawServer } from './raw-server.ts'
import type { SubscriberPlan } from './subscribers.ts'
import { startWirestateServer, TOPIC } from './wirestate-server.ts'

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000' },
    messages: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '5' },
  },
})
const subscribers = Number(values.subscribers)
const messages = Number(values.messages)
const rounds = Number(values.rounds)
const payloads = chatFrames(messages).map((f) => (JSON.parse(f) as unknown[])[4])

interface Target {
  name: string
  start(): Promise<{ url: string; close(): Promise<void> }>
  mode: SubscriberPlan['mode']
  /** The publisher's frames: raw sends the payload, wirestate pushes it to be broadcast. */
  frames: string[]
}

const targets: Target[] = [
  {
    name: 'raw ws broadcast loop',
    start: startRawServer,
    mode: 'raw',
    frames: payloads.map((p) => JSON.stringify(p)),
  },
  {
    name: '@wirestate/server',
    start: startWirestateServer,
    mode: 'phoenix',
    frames: payloads.map((p, i) => JSON.stringify(['1', String(i + 2), TOPIC, 'publish', p])),
  },
]

function heapUsed(): number {
  globalThis.gc?.()
  return getHeapStatistics().used_heap_size
}

function waitFor(worker: Worker, type: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { type: string }) => {
      if (msg.type !== type) return
      worker.off('message', onMessage)
      resolve()
    }
    worker.on('message', onMessage)
    worker.once('error', reject)
  })
}

async function measure(target: Target) {
  const server = await target.start()
  const before = heapUsed()
  const plan: SubscriberPlan = { url: server.url, subscribers, mode: target.mode, topic: TOPIC }
  const worker = new Worker(new URL('./subscribers.ts', import.meta.url), { workerData: plan })
  await waitFor(worker, 'ready')
  const perConnection = (heapUsed() - before) / (subscribers + 1)
  const rates: number[] = []
  for (let r = 0; r < rounds; r++) {
    const done = waitFor(worker, 'done')
    const start = performance.now()
    worker.postMessage({ type: 'publish', frames: target.frames })
    await done
    rates.push((messages * subscribers) / ((performance.now() - start) / 1000))
  }
  worker.postMessage({ type: 'close' })
  await worker.terminate()
  await server.close()
  rates.sort((a, b) => a - b)
  return { median: rates[Math.floor(rates.length / 2)] as number, perConnection }
}

const results = []
for (const target of targets) results.push({ target, ...(await measure(target)) })
const [raw, ours] = results as [(typeof results)[0], (typeof results)[0]]
console.log(`fanout: ${subscribers} subscribers x ${messages} messages, median of ${rounds} rounds`)
for (const r of results) {
  console.log(
    `  ${r.target.name.padEnd(24)} ${Math.round(r.median).toLocaleString('en').padStart(12)} deliveries/s` +
      `   heap per idle connection ${(r.perConnection / 1024).toFixed(1)} KiB`,
  )
}
console.log(`  ratio wirestate / raw ws: ${(ours.median / raw.median).toFixed(2)}x`)
