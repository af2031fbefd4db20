import { describe, expect, it, vi } from 'vitest'
import { Engine, MemoryBroker, replyOk, silentLogger } from '../src/index.ts'
import { connectMemory } from './memory-transport.ts'

// Everything the memory transport triggers runs on promises: once a macrotask has
// passed, whatever was not held has run.
const settled = () => new Promise((resolve) => setImmediate(resolve))

describe('Engine.pauseHandlers', () => {
  it('holds pushes before their handlers, answers joins and heartbeats, then runs them in order', async () => {
    const ran: number[] = []
    const engine = new Engine({
      broker: new MemoryBroker(),
      logger: silentLogger,
      channels: {
        'room:*': {
          events: {
            work: (payload) => {
              ran.push((payload as { n: number }).n)
              return replyOk()
            },
          },
        },
      },
    })
    const client = connectMemory(engine)
    client.send(['1', '1', 'room:a', 'phx_join', {}])
    await vi.waitFor(() => expect(client.sent).toHaveLength(1))
    engine.pauseHandlers()
    for (let n = 1; n <= 3; n++) client.send(['1', String(n + 1), 'room:a', 'work', { n }])
    client.send([null, '9', 'phoenix', 'heartbeat', {}])
    client.send(['10', '10', 'room:b', 'phx_join', {}])
    await settled()
    expect(ran).toEqual([])
    expect(client.sent.map((frame) => frame[1])).toEqual(['1', '9', '10'])
    engine.resumeHandlers()
    await vi.waitFor(() => expect(client.sent).toHaveLength(6))
    expect(ran).toEqual([1, 2, 3])
    expect(client.sent.slice(3).map((frame) => frame[1])).toEqual(['2', '3', '4'])
  })

  it('counts held pushes against maxQueuedEvents: over it they are answered overloaded', async () => {
    const engine = new Engine({
      broker: new MemoryBroker(),
      logger: silentLogger,
      limits: { maxQueuedEvents: 2 },
      channels: { 'room:*': { events: { work: () => replyOk() } } },
    })
    const client = connectMemory(engine)
    client.send(['1', '1', 'room:a', 'phx_join', {}])
    await vi.waitFor(() => expect(client.sent).toHaveLength(1))
    engine.pauseHandlers()
    for (let n = 2; n <= 5; n++) client.send(['1', String(n), 'room:a', 'work', {}])
    await settled()
    // Two wait (the limit), the next two are refused at once.
    const overloaded = { response: { reason: 'overloaded' }, status: 'error' }
    expect(client.sent.slice(1).map((frame) => [frame[1], frame[4]])).toEqual([
      ['4', overloaded],
      ['5', overloaded],
    ])
    engine.resumeHandlers()
    await vi.waitFor(() => expect(client.sent).toHaveLength(5))
    expect(client.sent.slice(3).map((frame) => [frame[1], frame[4]])).toEqual([
      ['2', { response: {}, status: 'ok' }],
      ['3', { response: {}, status: 'ok' }],
    ])
  })
})
