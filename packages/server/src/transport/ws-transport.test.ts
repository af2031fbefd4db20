import { decodeFrame } from '@wirestate/core/protocol'
import { Serializer } from 'phoenix'
import { describe, expect, it } from 'vitest'
import { toArrayBuffer } from './ws-transport.ts'

function phoenixJsBinaryPush(): Buffer {
  const message = {
    join_ref: '5',
    ref: '11',
    topic: 'room:extras',
    event: 'echo_binary',
    payload: Uint8Array.of(1, 2, 3).buffer,
  }
  return Buffer.from(Serializer.encode(message, (raw) => raw) as ArrayBuffer)
}

describe('toArrayBuffer', () => {
  it('keeps the ref of a phoenix.js binary push', () => {
    const decoded = decodeFrame(toArrayBuffer(phoenixJsBinaryPush()), 'client')
    expect(decoded.ok).toBe(true)
    if (!decoded.ok) return
    expect(decoded.message).toMatchObject({
      joinRef: '5',
      ref: '11',
      topic: 'room:extras',
      event: 'echo_binary',
    })
    expect([...new Uint8Array(decoded.message.payload as ArrayBuffer)]).toEqual([1, 2, 3])
  })

  it('reads a Buffer that is a view into a larger pool, and a fragmented message', () => {
    const pool = Buffer.concat([Buffer.from('junk'), phoenixJsBinaryPush()])
    const decoded = decodeFrame(toArrayBuffer(pool.subarray(4)), 'client')
    expect(decoded.ok && decoded.message.ref).toBe('11')
    const whole = phoenixJsBinaryPush()
    const fragments = [whole.subarray(0, 7), whole.subarray(7)]
    expect(new Uint8Array(toArrayBuffer(fragments))).toEqual(new Uint8Array(whole))
  })

  it('gives truncated or unknown binary frames to the codec, which rejects them', () => {
    for (const bytes of [[0, 9, 9, 9, 9, 1], [7], []]) {
      expect(decodeFrame(toArrayBuffer(Buffer.from(bytes)), 'client').ok).toBe(false)
    }
  })
})
