import { describe, expect, it } from 'vitest'
import * as ws from 'ws'
import { messageBytes, webSocketFrame } from './websocket-frame.ts'

// ws's own framing and parsing: exported at run time, not in @types/ws.
interface WsFraming {
  Sender: { frame(data: Buffer, options: object): Buffer[] }
  Receiver: new (options: object) => NodeJS.WritableStream
}
const { Sender, Receiver } = ws as unknown as WsFraming

// What `ws` itself writes for `ws.send(data)` from a server (no mask, no extension).
function framedByWs(data: string | Buffer, binary: boolean): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data) : data
  const options = { fin: true, mask: false, opcode: binary ? 2 : 1, readOnly: false, rsv1: false }
  return Buffer.concat(Sender.frame(payload, options))
}

// Messages a `ws` client reads from these bytes, as it would off the network.
function readByClient(bytes: Buffer): { data: string | Buffer; binary: boolean }[] {
  const receiver = new Receiver({ isServer: false, binaryType: 'nodebuffer' })
  const messages: { data: string | Buffer; binary: boolean }[] = []
  receiver.on('message', (data: Buffer, binary: boolean) =>
    messages.push({ data: binary ? data : data.toString(), binary }),
  )
  receiver.on('error', (error: Error) => {
    throw error
  })
  receiver.write(bytes)
  return messages
}

// Lengths on both sides of each length encoding (7 bits, 16 bits, 64 bits).
const LENGTHS = [0, 1, 125, 126, 127, 65_535, 65_536, 70_000]

describe('webSocketFrame', () => {
  it('writes the bytes ws writes, for text of every length encoding', () => {
    for (const length of LENGTHS) {
      const text = 'x'.repeat(length)
      expect(webSocketFrame(text).equals(framedByWs(text, false)), `length ${length}`).toBe(true)
    }
  })

  it('counts UTF-8 bytes, not UTF-16 units: text with accents, emoji, escapes', () => {
    const frames = [
      '[null,null,"room:1","new_msg",{"body":"ü ∑ 😀"}]',
      JSON.stringify({ body: `${'é'.repeat(63)}😀` }), // 126+ bytes from 67 units
      JSON.stringify({ quote: '"\\\n\u2028', lone: '\ud800' }), // JSON escapes the lone surrogate
    ]
    for (const text of frames) {
      expect(webSocketFrame(text).equals(framedByWs(text, false))).toBe(true)
      expect(readByClient(webSocketFrame(text))).toEqual([{ data: text, binary: false }])
    }
  })

  it('frames bytes as binary, from an ArrayBuffer or a view with an offset', () => {
    const pool = Buffer.from([9, 9, 0, 1, 2, 250, 255, 9])
    const view = new Uint8Array(pool.buffer, pool.byteOffset + 2, 5)
    const expected = framedByWs(Buffer.from([0, 1, 2, 250, 255]), true)
    expect(webSocketFrame(view).equals(expected)).toBe(true)
    expect(webSocketFrame(view.slice().buffer).equals(expected)).toBe(true)
    const big = Buffer.alloc(70_000, 7)
    expect(readByClient(webSocketFrame(big))).toEqual([{ data: big, binary: true }])
  })

  it('frames read back to back one by one, as a socket delivers them', () => {
    const texts = LENGTHS.map((length) => 'y'.repeat(length))
    const stream = Buffer.concat(texts.map((text) => webSocketFrame(text)))
    expect(readByClient(stream).map((m) => m.data)).toEqual(texts)
  })
})

describe('messageBytes', () => {
  it('is the UTF-8 of text and the same memory for bytes', () => {
    expect(messageBytes('ü')).toEqual(Buffer.from([0xc3, 0xbc]))
    const bytes = new Uint8Array([1, 2, 3])
    const shared = messageBytes(bytes)
    bytes[0] = 42
    expect([...shared]).toEqual([42, 2, 3])
  })
})
