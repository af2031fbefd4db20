/**
 * An in-process WebSocket for benchmarks: both clients under test get the same
 * class, so the only difference measured is the client's own work. It opens on the
 * next microtask, answers joins and heartbeats like a Phoenix server, and lets the
 * benchmark deliver frames synchronously with `receive`.
 */
export class BenchWebSocket {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  /** The most recently constructed socket: the benchmark feeds frames into it. */
  static last: BenchWebSocket | undefined

  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3
  readyState = 0
  binaryType = 'arraybuffer'
  bufferedAmount = 0
  protocol = ''
  extensions = ''
  readonly url: string
  onopen: ((e: Event) => void) | null = null
  onmessage: ((e: Event) => void) | null = null
  onclose: ((e: Event) => void) | null = null
  onerror: ((e: Event) => void) | null = null
  #listeners = new Map<string, Set<(e: Event) => void>>()

  constructor(url: string | URL) {
    this.url = String(url)
    BenchWebSocket.last = this
    queueMicrotask(() => {
      this.readyState = 1
      this.#dispatch('open', new Event('open'))
    })
  }

  addEventListener(type: string, fn: (e: Event) => void): void {
    const set = this.#listeners.get(type) ?? new Set()
    this.#listeners.set(type, set.add(fn))
  }

  removeEventListener(type: string, fn: (e: Event) => void): void {
    this.#listeners.get(type)?.delete(fn)
  }

  /** Client → server: joins and heartbeats are answered on the next microtask. */
  send(data: string): void {
    const [joinRef, ref, topic, event] = JSON.parse(data) as [string | null, string, string, string]
    if (event !== 'phx_join' && event !== 'heartbeat') return
    const reply = JSON.stringify([joinRef, ref, topic, 'phx_reply', { status: 'ok', response: {} }])
    queueMicrotask(() => this.receive(reply))
  }

  /** Server → client: delivers one frame synchronously. */
  receive(data: string): void {
    // A real MessageEvent, as a browser's socket hands over (partysocket re-creates
    // events through their constructor, so plain objects would not do).
    this.#dispatch('message', new MessageEvent('message', { data }))
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === 3) return
    this.readyState = 3
    queueMicrotask(() =>
      this.#dispatch('close', new CloseEvent('close', { code, reason, wasClean: true })),
    )
  }

  #dispatch(type: string, event: Event): void {
    const handler = this[`on${type}` as 'onopen']
    if (handler) handler(event)
    for (const fn of this.#listeners.get(type) ?? []) fn(event)
  }
}
