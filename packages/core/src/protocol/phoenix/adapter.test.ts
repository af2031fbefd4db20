import { describe, expect, test } from 'vitest'
import { frameOf, loadTranscripts } from '../../../test/transcripts.ts'
import type { Outbound } from '../adapter.ts'
import { phoenixV2 } from './adapter.ts'

const transcripts = loadTranscripts()
const v2 = [...transcripts].filter(([name]) => !name.includes('v1_serializer'))
const hex = (b: ArrayBuffer) => Buffer.from(b).toString('hex')

describe('phoenixV2 decodes every server frame Phoenix 1.7 sent', () => {
  for (const [name, lines] of v2) {
    test(name, () => {
      const inbound = lines.filter((l) => l.dir === 'in')
      for (const line of inbound) {
        const decoded = phoenixV2.decode(frameOf(line))
        // The only frame a v2 peer may not understand is the raw malformed one, and that one
        // is outbound. Every inbound frame must decode to something the connection can route.
        expect(decoded.type, line.frame ?? line.frame_hex).not.toBe('invalid')
      }
    })
  }

  test('replies, broadcasts, pushes, closes and errors keep topic, refs and payload', () => {
    const lines = transcripts.get('06_extras_error_crash_stop_binary.jsonl') ?? []
    const decoded = lines.filter((l) => l.dir === 'in').map((l) => phoenixV2.decode(frameOf(l)))
    expect(decoded).toContainEqual({
      type: 'reply',
      topic: 'room:extras',
      joinRef: '5',
      ref: '6',
      status: 'error',
      response: { reason: 'requested' },
    })
    expect(decoded).toContainEqual({
      type: 'message',
      topic: 'room:extras',
      joinRef: '5',
      event: 'pushed',
      payload: { x: 'y' },
    })
    expect(decoded).toContainEqual({ type: 'channelErrored', topic: 'room:extras', joinRef: '5' })
    expect(decoded).toContainEqual({ type: 'channelClosed', topic: 'room:extras2', joinRef: '16' })
    const binary = decoded.find((d) => d.type === 'reply' && d.ref === '11')
    expect(binary).toMatchObject({
      type: 'reply',
      topic: 'room:extras',
      joinRef: '5',
      status: 'ok',
    })
    expect(hex((binary as { response: ArrayBuffer }).response)).toBe('010203faff')
  })

  test('heartbeat replies are told apart from channel replies', () => {
    const lines = transcripts.get('04_heartbeat.jsonl') ?? []
    const decoded = lines.filter((l) => l.dir === 'in').map((l) => phoenixV2.decode(frameOf(l)))
    expect(decoded).toEqual([
      { type: 'heartbeatReply', ref: '3', status: 'ok' },
      { type: 'heartbeatReply', ref: '4', status: 'ok' },
    ])
  })
})

describe('phoenixV2 encodes commands exactly as the official client did', () => {
  const outbound: Array<[Outbound, string]> = [
    [
      { type: 'join', topic: 'room:lobby', joinRef: '5', payload: {} },
      '["5","5","room:lobby","phx_join",{}]',
    ],
    [
      {
        type: 'push',
        topic: 'room:lobby',
        joinRef: '5',
        ref: '6',
        event: 'new_msg',
        payload: { body: 'hello' },
      },
      '["5","6","room:lobby","new_msg",{"body":"hello"}]',
    ],
    [
      { type: 'leave', topic: 'room:lobby', joinRef: '5', ref: '9' },
      '["5","9","room:lobby","phx_leave",{}]',
    ],
    [{ type: 'heartbeat', ref: '3' }, '[null,"3","phoenix","heartbeat",{}]'],
    [
      { type: 'join', topic: 'room:extras', joinRef: '5', payload: { some: 'join-param' } },
      '["5","5","room:extras","phx_join",{"some":"join-param"}]',
    ],
  ]
  const recorded = new Set(
    [...transcripts.values()]
      .flat()
      .filter((l) => l.dir === 'out' && l.client !== 'raw')
      .map((l) => l.frame),
  )
  for (const [command, frame] of outbound) {
    test(`${command.type} → ${frame}`, () => {
      expect(phoenixV2.encode(command)).toBe(frame)
      expect(recorded.has(frame)).toBe(true)
    })
  }

  test('a binary push matches the recorded bytes', () => {
    const payload = new Uint8Array([1, 2, 3, 0xfa, 0xff]).buffer
    const frame = phoenixV2.encode({
      type: 'push',
      topic: 'room:extras',
      joinRef: '5',
      ref: '11',
      event: 'echo_binary',
      payload,
    })
    expect(hex(frame as ArrayBuffer)).toBe(
      '0001020b0b353131726f6f6d3a6578747261736563686f5f62696e617279010203faff',
    )
  })
})

describe('phoenixV2 rejects what is not a v2 frame, without throwing', () => {
  const cases: Array<[string, string | ArrayBuffer]> = [
    ['not JSON', 'this is not json'],
    ['a v1 object frame', '{"topic":"room:v1","event":"phx_reply","payload":{},"ref":"1"}'],
    ['a short array', '["1","1","room:1","x"]'],
    ['a numeric ref', '[1,"1","room:1","x",{}]'],
    ['a numeric topic', '["1","1",7,"x",{}]'],
    ['a reply with no status', '["1","1","room:1","phx_reply",{"response":{}}]'],
    ['a reply with no ref', '["1",null,"room:1","phx_reply",{"status":"ok","response":{}}]'],
    ['an empty binary frame', new ArrayBuffer(0)],
    ['a binary frame of unknown kind', new Uint8Array([9, 1, 1]).buffer],
    ['a truncated binary frame', new Uint8Array([1, 1, 2, 11, 2, 0x35]).buffer],
  ]
  for (const [name, frame] of cases) {
    test(name, () => {
      expect(phoenixV2.decode(frame)).toMatchObject({ type: 'invalid', reason: expect.any(String) })
    })
  }
})
