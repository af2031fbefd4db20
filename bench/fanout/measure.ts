import { getHeapStatistics } from 'node:v8'
import { Worker } from 'node:worker_threads'
import { startRawServer } from './raw-server.ts'
import type { SubscriberPlan } from './subscribers.ts'
import { startWirestateServer, TOPIC } from './wirestate-server.ts'

/** One server under test and what its publisher sends. */
export interface Target {
  name: string
  start(): Promise<{ url: string; close(): Promise<void> }>
  mode: SubscriberPlan['mode']
  /** The publisher's frames: raw sends the payload, wirestate pushes it to be broadcast. */
  frames: string[]
}

/** The raw `ws` loop and @wirestate/server, publishing the same payloads. */
export function targets(payloads: unknown[]): Target[] {
  return [
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
}

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

/**
 * Connects `subscribers` sockets (in a worker thread), then has the publisher send every
 * frame `rounds` times; a round ends when every subscriber got every message. Returns the
 * median deliveries/s and the server heap per idle connection.
 */
export async function measure(target: Target, subscribers: number, rounds: number) {
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
    rates.push((target.frames.length * subscribers) / ((performance.now() - start) / 1000))
  }
  worker.postMessage({ type: 'close' })
  await worker.terminate()
  await server.close()
  rates.sort((a, b) => a - b)
  return { median: rates[Math.floor(rates.length / 2)] as number, perConnection }
}
