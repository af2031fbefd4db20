// A small Chrome DevTools Protocol client over the browser's debugging WebSocket, with
// flattened sessions: the one way to reach a SharedWorker's target (Playwright reaches
// pages and dedicated workers only).
import WebSocket from 'ws'

type Pending = { resolve(value: unknown): void; reject(error: Error): void }

export interface Cdp {
  send<T = Record<string, unknown>>(method: string, params?: object, sessionId?: string): Promise<T>
  close(): void
}

export async function connectCdp(url: string): Promise<Cdp> {
  const ws = new WebSocket(url)
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  let id = 0
  const pending = new Map<number, Pending>()
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      id?: number
      result?: unknown
      error?: { message: string }
    }
    const waiting = message.id === undefined ? undefined : pending.get(message.id)
    if (!waiting) return
    pending.delete(message.id as number)
    if (message.error) waiting.reject(new Error(message.error.message))
    else waiting.resolve(message.result)
  })
  return {
    send(method, params = {}, sessionId) {
      const call = ++id
      ws.send(JSON.stringify({ id: call, method, params, sessionId }))
      return new Promise((resolve, reject) =>
        pending.set(call, { resolve: resolve as never, reject }),
      )
    },
    close: () => ws.close(),
  }
}

/** A target's CPU and heap, measured the same way for a page and a worker. */
export interface Usage {
  /** ms the target's thread was busy (sampled by the V8 profiler; idle left out). */
  busyMs: number
  /** JS heap in use after a full GC, bytes. */
  heapBytes: number
}

/** Starts sampling a target; the result stops and reads what it used meanwhile. */
export async function sample(cdp: Cdp, sessionId: string): Promise<() => Promise<Usage>> {
  await cdp.send('Profiler.enable', {}, sessionId)
  await cdp.send('Profiler.setSamplingInterval', { interval: 1_000 }, sessionId)
  await cdp.send('Profiler.start', {}, sessionId)
  return async () => {
    const { profile } = await cdp.send<{ profile: Profile }>('Profiler.stop', {}, sessionId)
    await cdp.send('HeapProfiler.collectGarbage', {}, sessionId)
    const { usedSize } = await cdp.send<{ usedSize: number }>('Runtime.getHeapUsage', {}, sessionId)
    if (process.env.BENCH_TOP) console.log(top(profile))
    return { busyMs: busyMs(profile), heapBytes: usedSize }
  }
}

interface Profile {
  nodes: { id: number; callFrame: { functionName: string } }[]
  samples: number[]
  timeDeltas: number[]
}

function busyMs(profile: Profile): number {
  const idle = new Set(
    profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id),
  )
  let us = 0
  // The delta before a sample is the time spent in what it caught.
  profile.samples.forEach((node, i) => {
    if (!idle.has(node)) us += profile.timeDeltas[i] ?? 0
  })
  return us / 1_000
}

function top(profile: Profile): string {
  const self = new Map<number, number>()
  profile.samples.forEach((node, i) => {
    self.set(node, (self.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  const byName = new Map<string, number>()
  for (const n of profile.nodes) {
    const f = n.callFrame as { functionName: string; url?: string; lineNumber?: number }
    const key = `${f.functionName || '(anon)'} ${String(f.url ?? '')
      .split('/')
      .pop()}:${f.lineNumber}`
    byName.set(key, (byName.get(key) ?? 0) + (self.get(n.id) ?? 0))
  }
  return [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`)
    .join('\n')
}
