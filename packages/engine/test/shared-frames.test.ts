import { describe, expect, it, vi } from 'vitest'
import {
  type Connection,
  Engine,
  MemoryBroker,
  type OutboundFrame,
  SharedFrame,
  silentLogger,
  type Transport,
} from '../src/index.ts'

// A transport that records what reaches it, through which member.
function recordingTransport(withShared: boolean) {
  const calls: { via: 'send' | 'sendShared'; frame: unknown }[] = []
  const transport: Transport = {
    send: (frame) => calls.push({ via: 'send', frame }),
    close: () => connection?.closed(),
    terminate: () => connection?.closed(),
    bufferedAmount: 0,
  }
  if (withShared)
    transport.sendShared = (shared) => calls.push({ via: 'sendShared', frame: shared })
  let connection: Connection | undefined
  return {
    calls,
    transport,
    attach: (c: Connection) => {
      connection = c
    },
  }
}

async function joined(engine: Engine, withShared: boolean) {
  const recorder = recordingTransport(withShared)
  const connection = engine.accept(recorder.transport, null)
  recorder.attach(connection)
  connection.receive(JSON.stringify(['1', '1', 'room:1', 'phx_join', {}]))
  await vi.waitFor(() => expect(recorder.calls).toHaveLength(1))
  return recorder
}

describe('a broadcast is one SharedFrame for every member', () => {
  it('hands the same object to sendShared, and its text to transports without it', async () => {
    const engine = new Engine({
      broker: new MemoryBroker(),
      logger: silentLogger,
      channels: { 'room:*': {} },
    })
    const sharing = [await joined(engine, true), await joined(engine, true)]
    const plain = await joined(engine, false)
    await engine.broadcast('room:1', 'new_msg', { body: 'hi' })
    await engine.broadcast('room:1', 'new_msg', { body: 'again' })
    await vi.waitFor(() => expect(plain.calls).toHaveLength(3))
    const text = (body: string) => `[null,null,"room:1","new_msg",{"body":"${body}"}]`
    // The join reply is a frame of its own: always `send`.
    for (const r of [...sharing, plain]) expect(r.calls[0]?.via).toBe('send')
    expect(plain.calls.slice(1)).toEqual([
      { via: 'send', frame: text('hi') },
      { via: 'send', frame: text('again') },
    ])
    const [a, b] = sharing.map((r) => r.calls.slice(1)) as [typeof plain.calls, typeof plain.calls]
    expect(a.map((c) => c.via)).toEqual(['sendShared', 'sendShared'])
    expect(a.map((c) => (c.frame as SharedFrame).frame)).toEqual([text('hi'), text('again')])
    // Same object per broadcast across members, a new one per broadcast.
    expect(a[0]?.frame).toBe(b[0]?.frame)
    expect(a[1]?.frame).toBe(b[1]?.frame)
    expect(a[0]?.frame).not.toBe(a[1]?.frame)
  })

  it('prepares once per preparing function, whatever the number of calls', () => {
    const shared = new SharedFrame('[null,null,"room:1","e",{}]')
    const toLength = vi.fn((frame: OutboundFrame) => String(frame).length)
    const toUpper = vi.fn((frame: OutboundFrame) => String(frame).toUpperCase())
    expect([1, 2, 3].map(() => shared.prepared(toLength))).toEqual([27, 27, 27])
    expect(toLength).toHaveBeenCalledTimes(1)
    // A second kind of transport prepares its own form; the first then prepares again.
    expect(shared.prepared(toUpper)).toBe('[NULL,NULL,"ROOM:1","E",{}]')
    expect(shared.prepared(toLength)).toBe(27)
    expect([toLength.mock.calls.length, toUpper.mock.calls.length]).toEqual([2, 1])
  })
})
