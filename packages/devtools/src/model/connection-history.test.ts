import type { ConnectionEvent, InspectEntry } from '@wirestate/core'
import { describe, expect, test } from 'vitest'
import { ConnectionHistory } from './connection-history.ts'

const ev = (event: Record<string, unknown>, time = 0): InspectEntry =>
  ({ kind: 'event', event: { time, ...event } as ConnectionEvent }) as InspectEntry
const status = (s: Record<string, unknown>, time = 0) =>
  ev({ type: 'StatusChanged', status: s }, time)

describe('ConnectionHistory', () => {
  test('logs status changes, closes and reconnect attempts with their delays', () => {
    const history = new ConnectionHistory()
    history.apply(ev({ type: 'ConnectionShared', holder: 'another tab', tabs: 3 }, 0))
    history.apply(status({ status: 'connecting' }, 1))
    history.apply(ev({ type: 'SocketOpened' }, 2))
    history.apply(status({ status: 'connected' }, 2))
    history.apply(ev({ type: 'SocketClosed', code: 1006, reason: '', closeClass: 'retry' }, 3))
    history.apply(status({ status: 'reconnecting' }, 3))
    history.apply(ev({ type: 'ReconnectScheduled', attempt: 1, delayMs: 212.4 }, 3))
    expect(history.nextAttempt).toEqual({ attempt: 1, delayMs: 212.4 })
    history.apply(ev({ type: 'ReconnectScheduled', attempt: 2, delayMs: 480 }, 4))
    history.apply(status({ status: 'connected' }, 5))
    history.apply(
      status({ status: 'disconnected', reason: 'server', code: 4001, message: 'bye' }, 6),
    )
    expect(history.log.toArray().map((l) => `${l.time} ${l.what} ${l.text}`)).toEqual([
      '0 shared socket held by another tab, used by 3 tabs',
      '1 status connecting',
      '2 opened socket opened',
      '2 status connected',
      '3 closed socket closed 1006 (retry)',
      '3 status reconnecting',
      '3 reconnect attempt 1 in 212 ms',
      '4 reconnect attempt 2 in 480 ms',
      '5 status connected',
      '6 status disconnected (server 4001 "bye")',
    ])
    expect(history.status).toBe('disconnected')
    expect(history.reconnects).toBe(2)
    expect(history.nextAttempt).toBeUndefined()
  })

  test('keeps the log and heartbeat samples bounded', () => {
    const history = new ConnectionHistory(3, 2)
    for (let i = 0; i < 10; i++) {
      history.apply(ev({ type: 'HeartbeatMissed' }, i))
      history.addFrameHeartbeat(i, i * 10)
    }
    expect(history.log.toArray().map((l) => l.time)).toEqual([7, 8, 9])
    expect(history.heartbeats.toArray()).toEqual([
      { time: 8, rttMs: 80 },
      { time: 9, rttMs: 90 },
    ])
  })

  test('once HeartbeatReplied events arrive, frame-measured samples are not added twice', () => {
    const history = new ConnectionHistory()
    history.addFrameHeartbeat(1, 5)
    history.apply(ev({ type: 'HeartbeatReplied', latencyMs: 7 }, 2))
    history.addFrameHeartbeat(2, 7)
    expect(history.heartbeats.toArray()).toEqual([
      { time: 1, rttMs: 5 },
      { time: 2, rttMs: 7 },
    ])
  })
})
