import type { InspectEntry } from '@wirestate/core'
import { describe, expect, test } from 'vitest'
import { Session } from './session.ts'

const out = (time: number, fields: unknown[]): InspectEntry => {
  const frame = JSON.stringify(fields)
  return { kind: 'frame', direction: 'out', size: frame.length, time, frame }
}
const inn = (time: number, fields: unknown[]): InspectEntry => {
  const frame = JSON.stringify(fields)
  return { kind: 'frame', direction: 'in', size: frame.length, time, frame }
}
const push = (time: number, pushId: number): InspectEntry => ({
  kind: 'command',
  command: {
    type: 'PushMessage',
    time,
    topic: 'room:1',
    event: 'x',
    payload: {},
    pushId,
    timeoutMs: 1,
  },
})
const opened = (time: number): InspectEntry => ({
  kind: 'event',
  event: { type: 'SocketOpened', time },
})

describe('Session', () => {
  test('keeps commands and events in the timeline and frames apart, each bounded and in order', () => {
    const session = new Session({ capacity: 3, frameCapacity: 2 })
    for (let i = 1; i <= 5; i++) {
      session.ingest(push(i, i))
      session.ingest(out(i, ['1', `${i}`, 'room:1', 'x', {}]))
    }
    expect(session.timeline.toArray().map((r) => r.time)).toEqual([3, 4, 5])
    expect(session.frames.toArray().map((r) => r.ref)).toEqual(['4', '5'])
    expect(session.entries().map((e) => e.kind)).toEqual([
      'command',
      'command',
      'frame',
      'command',
      'frame',
    ])
    expect([...session.topics, ...session.types]).toEqual(['room:1', 'PushMessage'])
  })

  test('links frames and feeds heartbeat round trips to the connection history', () => {
    const session = new Session()
    session.ingest(out(100, [null, '9', 'phoenix', 'heartbeat', {}]))
    session.ingest(inn(117, [null, '9', 'phoenix', 'phx_reply', { status: 'ok', response: {} }]))
    expect(session.connection.heartbeats.toArray()).toEqual([{ time: 117, rttMs: 17 }])
    const [beat, reply] = session.frames.toArray()
    expect(session.findFrame(beat?.pair?.seq ?? -1)).toBe(reply)
    expect(session.findFrame(reply?.pair?.seq ?? -1)).toBe(beat)
    expect(session.findFrame(12345)).toBeUndefined()
  })

  test('paused: no new rows, but channels and connection keep following', () => {
    const session = new Session()
    session.ingest(opened(1))
    session.paused = true
    session.ingest(push(2, 1))
    session.ingest(out(2, ['1', '1', 'room:1', 'x', {}]))
    session.ingest({
      kind: 'event',
      event: { type: 'StatusChanged', time: 3, status: { status: 'connected' } },
    })
    expect(session.timeline.size).toBe(1)
    expect(session.frames.size).toBe(0)
    expect(session.channels.get('room:1')?.messagesOut).toBe(1)
    expect(session.connection.status).toBe('connected')
  })

  test('notifies subscribers on every change and clear(), and stops after unsubscribe', () => {
    const session = new Session()
    let calls = 0
    const off = session.subscribe(() => calls++)
    session.ingest(opened(1))
    session.clear()
    expect([calls, session.timeline.size, session.version]).toEqual([2, 0, 2])
    off()
    session.ingest(opened(2))
    expect(calls).toBe(2)
  })

  test('takes 100,000 entries into bounded memory', () => {
    const session = new Session({ capacity: 1_000, frameCapacity: 500 })
    for (let i = 0; i < 50_000; i++) {
      session.ingest({
        kind: 'event',
        event: { type: 'MessageReceived', time: i, topic: 't', event: 'e', payload: i },
      })
      session.ingest(inn(i, [null, null, 't', 'e', i]))
    }
    expect([session.timeline.size, session.frames.size]).toEqual([1_000, 500])
    expect(session.timeline.last()?.time).toBe(49_999)
    expect(session.channels.get('t')?.messagesIn).toBe(50_000)
  })
})
