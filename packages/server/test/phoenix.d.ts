// The official client ships no types; this declares the part the interop tests use.
declare module 'phoenix' {
  type Callback = (response: unknown) => void
  export class Push {
    receive(status: 'ok' | 'error' | 'timeout', callback: Callback): Push
  }
  export class Channel {
    readonly state: string
    join(timeout?: number): Push
    leave(timeout?: number): Push
    push(event: string, payload: unknown, timeout?: number): Push
    on(event: string, callback: Callback): number
    onError(callback: (reason?: unknown) => void): number
    onClose(callback: () => void): number
    joinRef(): string
  }
  export class Socket {
    constructor(endPoint: string, options?: Record<string, unknown>)
    connect(): void
    disconnect(callback?: () => void, code?: number, reason?: string): void
    channel(topic: string, params?: Record<string, unknown>): Channel
    onOpen(callback: () => void): string
    onClose(callback: (event: unknown) => void): string
    onError(callback: (error: unknown) => void): string
    ping(callback: (latency: number) => void): boolean
    isConnected(): boolean
  }
  export class Presence {
    constructor(channel: Channel, options?: Record<string, unknown>)
    list<T = { metas: Record<string, unknown>[] }>(
      by?: (key: string, presence: T) => unknown,
    ): unknown[]
    onSync(callback: () => void): void
  }
}

declare module 'phoenix' {
  interface DecodedMessage {
    join_ref: string | null
    ref: string | null
    topic: string
    event: string
    payload: unknown
  }
  export const Serializer: {
    decode(raw: string | ArrayBuffer, callback: (message: DecodedMessage) => unknown): unknown
    encode(message: DecodedMessage, callback: (raw: string | ArrayBuffer) => unknown): unknown
  }
}
