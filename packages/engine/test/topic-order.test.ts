import { describe, expect, it, vi } from 'vitest'
import { Engine, MemoryBroker, replyOk, silentLogger } from '../src/index.ts'
import { connectMemory } from './memory-transport.ts'

function gate(): { wait: Promise<void>; open(): void } {
  let open = () => {}
  const wait = new Promise<void>((resolve) => {
    open = resolve
  })
  return { wait, open }
}

describe('frame order on one connection', () => {
  it('a slow join holds up its own topic only: heartbeats and other topics go on', async () => {
    const slowJoin = gate()
    const engine = new Engine({
      broker: new MemoryBroker(),
      logger: silentLogger,
      channels: {
        'slow:*': { join: () => slowJoin.wait.then(() => replyOk({ late: true })) },
        'room:*': { events: { ping: () => replyOk({ pong: true }) } },
      },
    })
    const client = connectMemory(engine)
    client.send(['1', '1', 'slow:a', 'phx_join', {}])
    client.send(['1', '2', 'slow:a', 'ping', {}]) // waits for its join
    client.send([null, '3', 'phoenix', 'heartbeat', {}])
    client.send(['4', '4', 'room:b', 'phx_join', {}])
    client.send(['4', '5', 'room:b', 'ping', {}])
    await vi.waitFor(() => expect(client.sent).toHaveLength(3))
    slowJoin.open()
    await vi.waitFor(() => expect(client.sent).toHaveLength(5))
    expect(client.sent.map((f) => [f[1], (f[4] as { response: unknown }).response])).toEqual([
      ['3', {}],
      ['4', {}],
      ['5', { pong: true }],
      ['1', { late: true }],
      ['2', { reason: 'unhandled event' }],
    ])
  })

  it('joins in progress count against maxTopicsPerConnection', async () => {
    const slowJoin = gate()
    const engine = new Engine({
      broker: new MemoryBroker(),
      logger: silentLogger,
      limits: { maxTopicsPerConnection: 2 },
      channels: { 'room:*': { join: () => slowJoin.wait.then(() => undefined) } },
    })
    const client = connectMemory(engine)
    for (const n of [1, 2, 3]) client.send([String(n), String(n), `room:${n}`, 'phx_join', {}])
    await vi.waitFor(() => expect(client.sent).toHaveLength(1))
    expect(client.sent[0]).toEqual([
      '3',
      '3',
      'room:3',
      'phx_reply',
      { response: { reason: 'too many topics' }, status: 'error' },
    ])
    slowJoin.open()
    await vi.waitFor(() => expect(client.sent).toHaveLength(3))
    expect(client.connection.topics.sort()).toEqual(['room:1', 'room:2'])
  })
})
