import { Serializer } from 'phoenix'
import { describe, expect, it } from 'vitest'
import { decodeInbound } from './inbound-frame.ts'

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

describe('decodeInbound', () => {
  it('decodes text frames with the core codec', () => {
    expect(decodeInbound(Buffer.from('[null,"3","phoenix","heartbeat",{}]'), false)).toEqual({
      ok: true,
      message: { joinRef: null, ref: '3', topic: 'phoenix', event: 'heartbeat', payload: {} },
    })
    expect(decodeInbound(Buffer.from('this is not json'), false).ok).toBe(false)
  })

  it('keeps the ref of a phoenix.js binary push', () => {
    const frame = phoenixJsBinaryPush()
    const decoded = decodeInbound(frame, true)
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

  it('reads a Buffer that is a view into a larger pool', () => {
    const pool = Buffer.concat([Buffer.from('junk'), phoenixJsBinaryPush()])
    const decoded = decodeInbound(pool.subarray(4), true)
    expect(decoded.ok && decoded.message.ref).toBe('11')
  })

  it('rejects truncated or unknown binary frames without throwing', () => {
    expect(decodeInbound(Buffer.from([0, 9, 9, 9, 9, 1]), true).ok).toBe(false)
    expect(decodeInbound(Buffer.from([7]), true).ok).toBe(false)
    expect(decodeInbound(Buffer.alloc(0), true).ok).toBe(false)
  })
})
