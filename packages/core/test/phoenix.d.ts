// The parts of the official client's serializer that the codec tests compare against
// (phoenix ships no types; @types/phoenix lacks Serializer).
declare module 'phoenix' {
  export const Serializer: {
    encode(message: never, callback: (frame: never) => void): void
    decode(frame: ArrayBuffer | string, callback: (message: never) => void): void
  }
}
