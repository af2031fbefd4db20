import { encodeFrame } from '@wirestate/core/protocol'
import { describe, expect, test } from 'vitest'
import { FramePairing } from './frame-pairing.ts'
import { type FrameRecord, toFrameRecord } from './record.ts'

let seq = 0
function frame(direction: 'in' | 'out', time: number, fields: unknown[]): FrameRecord {
  const text = JSON.stringify(fields)
  return toFrameRecord({ kind: 'frame', direction, size: text.length, time, frame: text }, ++seq)
}
const reply = (ref: string, time: number, topic = 'room:1') =>
  frame('in', time, ['1', ref, topic, 'phx_reply', { status: 'ok', response: {} }])

describe('FramePairing', () => {
  test('links a push to its reply by ref, with the round trip on both', () => {
    const pairing = new FramePairing()
    const push = frame('out', 1_000, ['1', '5', 'room:1', 'new_msg', { body: 'hi' }])
    const answer = reply('5', 1_042)
    expect(pairing.add(push)).toBeUndefined()
    expect(pairing.add(answer)).toBe(push)
    expect(push.pair).toEqual({ seq: answer.seq, rttMs: 42 })
    expect(answer.pair).toEqual({ seq: push.seq, rttMs: 42 })
    expect(pairing.waiting).toBe(0)
  })

  test('pairs out of order replies each with its own push', () => {
    const pairing = new FramePairing()
    const a = frame('out', 0, ['1', '2', 'room:1', 'a', {}])
    const b = frame('out', 10, ['1', '3', 'room:1', 'b', {}])
    pairing.add(a)
    pairing.add(b)
    const rb = reply('3', 15)
    const ra = reply('2', 30)
    pairing.add(rb)
    pairing.add(ra)
    expect([a.pair?.rttMs, b.pair?.rttMs]).toEqual([30, 5])
    expect([a.pair?.seq, b.pair?.seq]).toEqual([ra.seq, rb.seq])
  })

  test('ignores broadcasts, replies to unknown refs and a second reply to the same ref', () => {
    const pairing = new FramePairing()
    const push = frame('out', 0, ['1', '7', 'room:1', 'x', {}])
    pairing.add(push)
    const broadcast = frame('in', 1, [null, null, 'room:1', 'new_msg', {}])
    const stray = reply('99', 2)
    expect(pairing.add(broadcast)).toBeUndefined()
    expect(pairing.add(stray)).toBeUndefined()
    expect(stray.pair).toBeUndefined()
    pairing.add(reply('7', 3))
    const again = reply('7', 4)
    expect(pairing.add(again)).toBeUndefined()
    expect(again.pair).toBeUndefined()
  })

  test('heartbeats pair like any push', () => {
    const pairing = new FramePairing()
    const beat = frame('out', 100, [null, '8', 'phoenix', 'heartbeat', {}])
    pairing.add(beat)
    pairing.add(reply('8', 103, 'phoenix'))
    expect(beat.pair?.rttMs).toBe(3)
  })

  test('a binary push pairs with its reply like a text one', () => {
    const pairing = new FramePairing()
    const bytes = encodeFrame(
      {
        joinRef: '1',
        ref: '12',
        topic: 'room:1',
        event: 'upload',
        payload: new Uint8Array([1, 2, 3]).buffer,
      },
      'client',
    ) as ArrayBuffer
    const push = toFrameRecord(
      { kind: 'frame', direction: 'out', size: bytes.byteLength, time: 0, frame: bytes },
      ++seq,
    )
    expect([push.topic, push.event, push.ref]).toEqual(['room:1', 'upload', '12'])
    pairing.add(push)
    pairing.add(reply('12', 9))
    expect(push.pair?.rttMs).toBe(9)
  })

  test('forgets the oldest waiting refs beyond its limit', () => {
    const pairing = new FramePairing(2)
    const first = frame('out', 0, ['1', '1', 't', 'e', {}])
    pairing.add(first)
    pairing.add(frame('out', 0, ['1', '2', 't', 'e', {}]))
    pairing.add(frame('out', 0, ['1', '3', 't', 'e', {}]))
    expect(pairing.waiting).toBe(2)
    pairing.add(reply('1', 5))
    expect(first.pair).toBeUndefined()
  })
})
