import {
  createClient,
  INSPECT_HOOK,
  type InspectEntry,
  type InspectHook,
  type InspectListener,
} from '@wirestate/core'
import { afterEach, describe, expect, test } from 'vitest'
import { EARLY_CAPACITY, earlyEntries, installEarlyBuffer } from './early-buffer.ts'

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[INSPECT_HOOK]
})

/** A stand-in client whose inspect stream the test drives. */
function fakeClient() {
  const listeners: InspectListener[] = []
  const client = {
    inspect(listener: InspectListener) {
      listeners.push(listener)
      return () => {}
    },
    emit: (entry: InspectEntry) => {
      for (const listener of listeners) listener(entry)
    },
    listeners,
  }
  return client
}

function hook() {
  return (globalThis as { [INSPECT_HOOK]?: InspectHook })[INSPECT_HOOK]
}

const joinFrame = JSON.stringify(['1', '1', 'room:1', 'phx_join', { token: 'join-secret' }])

describe('the early buffer', () => {
  test('nothing is installed, or kept, until the package installs it', () => {
    expect(INSPECT_HOOK in globalThis).toBe(false)
    expect(earlyEntries(fakeClient())).toEqual([])
  })

  test('keeps what a client did before any panel, redacted as it comes in', () => {
    installEarlyBuffer()
    const client = fakeClient()
    hook()?.clientCreated(client)
    client.emit({ kind: 'command', command: { type: 'OpenSocket', time: 1 } })
    client.emit({
      kind: 'command',
      command: { type: 'JoinChannel', time: 2, topic: 'room:1', payload: { token: 'join-secret' } },
    })
    client.emit({ kind: 'frame', direction: 'out', size: 44, time: 2, frame: joinFrame })
    client.emit({ kind: 'frame', direction: 'in', size: 8, time: 3, frame: new ArrayBuffer(8) })
    const kept = earlyEntries(client)
    expect(kept).toEqual([
      { kind: 'command', command: { type: 'OpenSocket', time: 1 } },
      {
        kind: 'command',
        command: {
          type: 'JoinChannel',
          time: 2,
          topic: 'room:1',
          payload: { token: '[redacted]' },
        },
      },
      {
        kind: 'frame',
        direction: 'out',
        size: 44,
        time: 2,
        frame: '["1","1","room:1","phx_join",{"token":"[redacted]"}]',
      },
      // Bytes cannot be searched for secrets: a binary frame keeps its size only.
      { kind: 'frame', direction: 'in', size: 8, time: 3, frame: new ArrayBuffer(0) },
    ])
    expect(JSON.stringify(kept)).not.toContain('join-secret')
    // Another client's buffer is its own.
    expect(earlyEntries(fakeClient())).toEqual([])
  })

  test(`is bounded: the newest ${EARLY_CAPACITY} entries`, () => {
    installEarlyBuffer()
    const client = fakeClient()
    hook()?.clientCreated(client)
    for (let i = 0; i < EARLY_CAPACITY + 100; i++) {
      client.emit({ kind: 'event', event: { type: 'HeartbeatReplied', time: i, latencyMs: 1 } })
    }
    const kept = earlyEntries(client)
    expect(kept).toHaveLength(EARLY_CAPACITY)
    expect(kept[0]).toMatchObject({ event: { time: 100 } })
    expect(kept.at(-1)).toMatchObject({ event: { time: EARLY_CAPACITY + 99 } })
  })

  test('a hook already there (another copy of devtools) is left alone', () => {
    const theirs = { clientCreated() {} }
    ;(globalThis as Record<string, unknown>)[INSPECT_HOOK] = theirs
    installEarlyBuffer()
    expect(hook()).toBe(theirs)
    expect(earlyEntries(fakeClient())).toEqual([])
  })

  test('a real client reports to it from createClient: its first commands are kept', () => {
    installEarlyBuffer()
    // A socket that never opens: what is kept is what the client did on its own.
    class Pending {
      readyState = 0
      close() {}
    }
    const client = createClient({
      url: 'ws://127.0.0.1:9/socket/websocket',
      params: { token: 'connect-secret' },
      WebSocket: Pending as unknown as typeof WebSocket,
    })
    client.channel('room:1').join() // connects; the join waits for the socket to open
    const kept = earlyEntries(client)
    expect(kept).toMatchObject([
      { kind: 'command', command: { type: 'OpenSocket' } },
      { kind: 'event', event: { type: 'StatusChanged', status: { status: 'connecting' } } },
    ])
    expect(JSON.stringify(kept)).not.toContain('connect-secret')
    void client.disconnect()
  })
})
