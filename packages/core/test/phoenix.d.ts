// The parts of the official client's serializer that the codec tests compare against
// (phoenix ships no types; @types/phoenix lacks Serializer).
declare module 'phoenix' {
  /** The official client's socket, as the failure tests drive it (defaults left as they are). */
  export class Socket {
    constructor(endPoint: string, options?: { params?: Record<string, string> })
    connect(): void
    disconnect(): void
    onOpen(callback: () => void): string
  }
  export const Serializer: {
    encode(message: never, callback: (frame: never) => void): void
    decode(frame: ArrayBuffer | string, callback: (message: never) => void): void
  }
}

// phoenix.js presence merging, which @wirestate/core/protocol's syncState / syncDiff follow.
declare module 'phoenix' {
  type PhoenixState = Record<string, { metas: { phx_ref: string }[] }>
  type PhoenixCallback = (key: string, current: unknown, changed: unknown) => void
  export const Presence: {
    syncState(
      state: PhoenixState,
      next: PhoenixState,
      onJoin?: PhoenixCallback,
      onLeave?: PhoenixCallback,
    ): PhoenixState
    syncDiff(
      state: PhoenixState,
      diff: { joins: PhoenixState; leaves: PhoenixState },
      onJoin?: PhoenixCallback,
      onLeave?: PhoenixCallback,
    ): PhoenixState
  }
}
