import { afterEach, describe, expect, test, vi } from 'vitest'
import { setup } from '../../test/harness.ts'
import type { InspectEntry } from '../inspector.ts'

afterEach(() => {
  vi.useRealTimers()
})

const beat = { heartbeatIntervalMs: 30_000, heartbeatTimeoutMs: 10_000 }

describe('online and visibility', () => {
  test('while waiting to reconnect: reconnect at once', async () => {
    const h = setup({ reconnect: { minDelayMs: 5_000 } })
    await h.joined()
    h.socket().serverClose(1006)
    await h.tick(100)
    expect(h.fake.sockets).toHaveLength(1)
    h.goOnline()
    await h.tick()
    expect(h.fake.sockets).toHaveLength(2)
    expect(h.types()).toContain('CheckSocket')
  })

  test('while connected: heartbeat at once, and a dead socket is found within the timeout', async () => {
    const h = setup(beat)
    await h.joined()
    h.becomeVisible()
    expect(h.lastSent('heartbeat')[2]).toBe('phoenix')
    await h.tick(10_000)
    expect(h.types().slice(-4)).toEqual([
      'CheckSocket',
      'HeartbeatMissed',
      'SocketClosed',
      'ReconnectScheduled',
    ])
  })
})

describe('simulated offline', () => {
  test('drops the socket, holds it down as reconnecting, then reconnects and rejoins at once', async () => {
    const h = setup()
    const room = await h.joined()
    h.clear()
    h.client.simulateOffline()
    await h.tick(60_000)
    h.goOnline() // the browser's online event does not end a simulated outage
    await h.tick(60_000)
    expect(h.fake.sockets).toHaveLength(1)
    expect(h.client.$status.get()).toEqual({ status: 'reconnecting', attempt: 0 })
    expect(room.$state.get()).toEqual({ status: 'joining' })
    h.client.simulateOffline(false)
    await h.open()
    await h.reply('phx_join', 'ok')
    expect(h.types()).toEqual([
      'HoldSocket',
      'SocketClosed',
      'CheckSocket',
      'ReleaseSocket',
      'SocketOpened',
      'JoinChannel',
      'ChannelJoined',
    ])
    expect(h.fake.sockets).toHaveLength(2)
    expect(room.$state.get()).toEqual({ status: 'joined' })
  })
})

describe('frames', () => {
  test('a malformed frame becomes FrameRejected and the app carries on', async () => {
    const h = setup()
    const room = await h.joined()
    const got: unknown[] = []
    room.on('new_msg', (p) => got.push(p))
    h.socket().receive('this is not json')
    h.receive(['1', null, 'room:1'])
    h.receive([null, null, 'room:1', 'new_msg', { body: 'still here' }])
    await h.tick()
    expect(h.events('FrameRejected').map((e) => e.reason)).toEqual(['not JSON', 'not a v2 array'])
    expect(got).toEqual([{ body: 'still here' }])
    expect(room.$state.value).toEqual({ status: 'joined' })
    expect(h.client.$status.get()).toEqual({ status: 'connected' })
  })

  test('frames for a stale join_ref are dropped (phoenix.js isMember)', async () => {
    const h = setup()
    const room = await h.joined()
    h.socket().serverClose(1000)
    await h.tick(250)
    await h.open()
    await h.reply('phx_join', 'ok')
    const [newJoinRef] = h.lastSent('phx_join')
    expect(newJoinRef).not.toBe('1')
    const got: unknown[] = []
    room.on('pushed', (p) => got.push(p))
    h.receive(['1', null, 'room:1', 'pushed', { old: true }])
    h.receive(['1', '1', 'room:1', 'phx_close', {}])
    h.receive([newJoinRef, null, 'room:1', 'pushed', { old: false }])
    await h.tick()
    expect(got).toEqual([{ old: false }])
    expect(h.events('FrameRejected').map((e) => e.reason)).toEqual([
      'stale join_ref',
      'stale join_ref',
    ])
    expect(room.$state.value).toEqual({ status: 'joined' })
  })

  test('frames for topics not joined are ignored', async () => {
    const h = setup()
    await h.joined()
    h.clear()
    h.receive([null, null, 'room:other', 'new_msg', {}])
    await h.tick()
    expect(h.types()).toEqual([])
  })
})

describe('inspect', () => {
  test('delivers commands, events and raw frames with direction, size and time', async () => {
    const h = setup()
    const entries: InspectEntry[] = []
    const off = h.client.inspect((e) => entries.push(e))
    const room = await h.joined()
    room.push('new_msg', { body: 'hi' })
    off()
    expect(entries).toContainEqual({
      kind: 'frame',
      direction: 'out',
      size: 32,
      time: expect.any(Number),
      frame: '["1","1","room:1","phx_join",{}]',
    })
    expect(entries).toContainEqual({
      kind: 'command',
      command: { type: 'JoinChannel', topic: 'room:1', payload: {}, time: expect.any(Number) },
    })
    // Commands stay plain data: what the connection keeps for itself does not leak into them.
    const push = entries.find((e) => e.kind === 'command' && e.command.type === 'PushMessage')
    expect(JSON.parse(JSON.stringify(push))).toEqual(push)
    const count = entries.length
    h.receive([null, null, 'room:1', 'x', {}])
    expect(entries).toHaveLength(count)
  })

  test('with no listener, frames are neither recorded nor measured', async () => {
    const measure = vi.spyOn(TextEncoder.prototype, 'encode')
    const h = setup({}, false)
    const room = await h.joined()
    room.push('new_msg', { body: 'é' })
    h.receive([null, null, 'room:1', 'new_msg', { body: 'é' }])
    await h.tick()
    expect(measure).not.toHaveBeenCalled()
    const off = h.client.inspect(() => {})
    room.push('new_msg', { body: 'é' })
    expect(measure).toHaveBeenCalledTimes(1)
    off()
    measure.mockRestore()
  })

  test('a listener that throws is logged and does not silence the others', async () => {
    const h = setup()
    h.client.inspect(() => {
      throw new Error('boom')
    })
    const after: string[] = []
    h.client.inspect((e) => after.push(e.kind))
    await h.joined()
    expect(after.length).toBeGreaterThan(0)
    expect(h.logger.error).toHaveBeenCalledWith('wirestate: a listener threw', expect.any(Error))
    expect(h.client.channel('room:1').$state.value).toEqual({ status: 'joined' })
  })
})
