// Child process: every client of one bench/fanout run, alone on its core. Subscribers
// join the topic, one publisher (also a member) pushes `publish`; every delivery is
// counted per subscriber and message, so lost, duplicated and out-of-order deliveries
// are known exactly, and timed (push sent → frame received, one clock).
//   argv[2]: JSON LoadPlan
import WebSocket from 'ws'

/** Where to connect and how many subscribers. */
export interface LoadPlan {
  url: string
  subscribers: number
  topic: string
}

/** What a phase asks: `rate` messages per second, or 0 for all at once. */
export interface PhaseRequest {
  type: 'phase'
  messages: number
  rate: number
}

/** What the subscribers saw in one phase. */
export interface PhaseResult {
  expected: number
  received: number
  lost: number
  duplicated: number
  outOfOrder: number
  /** From the first push to the last delivery (or the give-up). */
  elapsedMs: number
  p50Ms: number
  p99Ms: number
  /**
   * The same of each message's first delivery: the server's own delay, with little of
   * the clients' (all on one core, they queue what arrives back to back).
   */
  firstP50Ms: number
  firstP99Ms: number
}

// ~208-byte broadcast frames, as the measurement used.
const BODY = 'the quick brown fox jumps over the lazy dog, '.repeat(3).slice(0, 120)
// A phase gives up this long after the last delivery.
const STALL_MS = 5000

const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan
const send = (message: object) => process.send?.(message)
const now = () => performance.timeOrigin + performance.now()

let phase = 0
let seen: Uint8Array[] = []
let lastSeq: Int32Array = new Int32Array(0)
let latencies = new Float64Array(0)
let received = 0
let duplicated = 0
let outOfOrder = 0
let lastDeliveryAt = 0

// Reads `"key":<number>` from a frame without parsing it all: the load generator must
// not be what limits the flat-out phase more than it has to.
function numberAfter(frame: Buffer, key: Buffer, from: number): [number, number] {
  const start = frame.indexOf(key, from) + key.length
  const end = frame.indexOf(44, start) // ','
  return [Number(frame.toString('latin1', start, end)), end]
}
const [PHASE_KEY, SEQ_KEY, T_KEY] = ['"p":', '"seq":', '"t":'].map((k) => Buffer.from(k)) as [
  Buffer,
  Buffer,
  Buffer,
]

function delivered(subscriber: number, frame: Buffer): void {
  const at = now()
  const [framePhase, afterPhase] = numberAfter(frame, PHASE_KEY, 0)
  if (framePhase !== phase) return // a late frame of an earlier phase
  const [seq, afterSeq] = numberAfter(frame, SEQ_KEY, afterPhase)
  const [sentAt] = numberAfter(frame, T_KEY, afterSeq)
  const counts = seen[subscriber] as Uint8Array
  if (counts[seq] !== 0) duplicated++
  else received++
  counts[seq] = 1
  if (seq < (lastSeq[subscriber] as number)) outOfOrder++
  lastSeq[subscriber] = seq
  latencies[subscriber * counts.length + seq] = at - sentAt
  lastDeliveryAt = at
  if (received === seen.length * counts.length) finish?.()
}

let finish: (() => void) | null = null

function joined(onFrame?: (frame: Buffer) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(plan.url, { perMessageDeflate: false, skipUTF8Validation: true })
    ws.once('error', reject)
    ws.once('open', () => {
      ws.send(JSON.stringify(['1', '1', plan.topic, 'phx_join', {}]))
      ws.once('message', () => {
        if (onFrame) ws.on('message', onFrame)
        resolve(ws)
      })
    })
  })
}

// Subscribers join in two halves, the server's memory measured between them: the
// second half's growth is what a connection costs, without what the first ones warmed up.
const sockets: WebSocket[] = []
async function joinSubscribers(count: number): Promise<void> {
  const first = sockets.length
  for (let i = first; i < first + count; i += 50) {
    const batch = Array.from({ length: Math.min(50, first + count - i) }, (_, j) =>
      joined((frame) => delivered(i + j, frame)),
    )
    sockets.push(...(await Promise.all(batch)))
  }
}
const publisher = await joined()
const half = Math.floor(plan.subscribers / 2)
await joinSubscribers(half)
send({ type: 'half', connections: half + 1 })
await new Promise((resolve) => process.once('message', resolve))
await joinSubscribers(plan.subscribers - half)

async function runPhase({ messages, rate }: PhaseRequest): Promise<PhaseResult> {
  phase++
  seen = Array.from({ length: plan.subscribers }, () => new Uint8Array(messages))
  lastSeq = new Int32Array(plan.subscribers).fill(-1)
  latencies = new Float64Array(plan.subscribers * messages).fill(Number.NaN)
  received = duplicated = outOfOrder = 0
  const done = new Promise<void>((resolve) => {
    finish = resolve
  })
  const start = now()
  lastDeliveryAt = start
  for (let seq = 0; seq < messages; seq++) {
    const wait = rate > 0 ? start + (seq * 1000) / rate - now() : 0
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const payload = { p: phase, seq, t: now(), body: BODY }
    publisher.send(JSON.stringify(['1', String(seq + 2), plan.topic, 'publish', payload]))
  }
  while (received < plan.subscribers * messages && now() - lastDeliveryAt < STALL_MS) {
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 100))])
  }
  const expected = plan.subscribers * messages
  const firsts = new Float64Array(messages).fill(Number.POSITIVE_INFINITY)
  for (const [i, latency] of latencies.entries()) {
    if (latency < (firsts[i % messages] as number)) firsts[i % messages] = latency
  }
  return {
    expected,
    received,
    lost: expected - received,
    duplicated,
    outOfOrder,
    elapsedMs: lastDeliveryAt - start,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    firstP50Ms: quantile(firsts, 0.5),
    firstP99Ms: quantile(firsts, 0.99),
  }
}

function quantile(values: Float64Array, q: number): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort()
  return sorted[Math.floor(q * (sorted.length - 1))] ?? Number.NaN
}

process.on('message', async (message: PhaseRequest | { type: 'close' | 'continue' }) => {
  if (message.type === 'phase') {
    send({ type: 'result', result: await runPhase(message) })
  } else if (message.type === 'close') {
    for (const ws of [...sockets, publisher]) ws.terminate()
    process.exit(0)
  }
})
send({ type: 'ready' })
