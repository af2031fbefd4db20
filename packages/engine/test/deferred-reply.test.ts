import { describe, expect, it, vi } from 'vitest'
import { type DeferredReply, Engine, MemoryBroker, replyOk, silentLogger } from '../src/index.ts'
import { connectMemory } from './memory-transport.ts'

const broker = new MemoryBroker()

function engineWith(handed: DeferredReply[]): Engine {
  return new Engine({
    broker,
    logger: silentLogger,
    channels: {
      'room:*': {
        events: {
          later: (_payload, _channel, { deferReply }) => {
            handed.push(deferReply())
            return replyOk({ ignored: 'a deferred handler returns no reply' })
          },
          ping: () => replyOk({ pong: true }),
          later_then_throw: (_payload, _channel, { deferReply }) => {
            handed.push(deferReply())
            throw new Error('after deferring')
          },
        },
      },
    },
  })
}

const replies = (sent: unknown[][]) =>
  sent.filter((f) => f[3] === 'phx_reply').map((f) => [f[1], f[4]])

describe('deferred replies', () => {
  it('let the join run its next events and answer later, once', async () => {
    const handed: DeferredReply[] = []
    const client = connectMemory(engineWith(handed))
    client.send(['1', '1', 'room:a', 'phx_join', {}])
    client.send(['1', '2', 'room:a', 'later', {}])
    client.send(['1', '3', 'room:a', 'ping', {}])
    await vi.waitFor(() => expect(replies(client.sent)).toHaveLength(2))
    expect(replies(client.sent)).toEqual([
      ['1', { response: {}, status: 'ok' }],
      ['3', { response: { pong: true }, status: 'ok' }],
    ])
    handed[0]?.error({ reason: 'took too long' })
    handed[0]?.ok({ second: 'ignored' })
    expect(replies(client.sent).slice(2)).toEqual([
      ['2', { response: { reason: 'took too long' }, status: 'error' }],
    ])
  })

  it('are dropped once the join is over, and a throw after deferring still crashes it', async () => {
    const handed: DeferredReply[] = []
    const client = connectMemory(engineWith(handed))
    client.send(['1', '1', 'room:b', 'phx_join', {}])
    client.send(['1', '2', 'room:b', 'later', {}])
    client.send(['1', '3', 'room:b', 'phx_leave', {}])
    await vi.waitFor(() => expect(client.sent.map((f) => f[3])).toContain('phx_close'))
    handed[0]?.ok({ too: 'late' })
    client.send(['4', '4', 'room:b', 'phx_join', {}])
    client.send(['4', '5', 'room:b', 'later_then_throw', {}])
    await vi.waitFor(() => expect(client.sent.map((f) => f[3])).toContain('phx_error'))
    handed[1]?.ok({ too: 'late' })
    expect(client.sent.map((f) => [f[1], f[3]])).toEqual([
      ['1', 'phx_reply'],
      ['3', 'phx_reply'],
      ['1', 'phx_close'],
      ['4', 'phx_reply'],
      ['4', 'phx_error'],
    ])
  })
})
