import { atom } from 'nanostores'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { setup } from '../test/harness.ts'
import { createClient } from './client.ts'
import { INSPECT_HOOK, type InspectHook } from './inspector.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('connect, join, push', () => {
  test('the first channel connects lazily, then joins', async () => {
    const h = setup({ params: { token: 't1' } })
    const room = h.client.channel('room:1')
    expect(h.fake.sockets).toHaveLength(0)
    expect(h.client.$status.get()).toEqual({ status: 'idle' })

    room.join()
    await h.open()
    expect(h.socket().url).toBe('ws://test/socket/websocket?token=t1&vsn=2.0.0&refusal=close')
    expect(h.sent()).toEqual([['1', '1', 'room:1', 'phx_join', {}]])
    await h.reply('phx_join', 'ok', { joined: 'room:1' })

    expect(h.types()).toEqual(['OpenSocket', 'SocketOpened', 'JoinChannel', 'ChannelJoined'])
    expect(h.client.$status.get()).toEqual({ status: 'connected' })
    expect(room.$state.value).toEqual({ status: 'joined' })
  })

  test('push resolves with the reply; an error reply rejects with the response', async () => {
    const h = setup()
    const room = await h.joined()
    const ok = room.push('new_msg', { body: 'hi' })
    expect(h.lastSent('new_msg')).toEqual(['1', '2', 'room:1', 'new_msg', { body: 'hi' }])
    await h.reply('new_msg', 'ok', { id: 1 })
    await expect(ok).resolves.toEqual({ id: 1 })

    const failed = room.push('error_me', {}).catch((e: unknown) => e)
    await h.reply('error_me', 'error', { reason: 'requested' })
    expect(await failed).toMatchObject({
      name: 'PushError',
      code: 'error',
      response: { reason: 'requested' },
    })
    expect(h.types().slice(-4)).toEqual([
      'PushMessage',
      'ReplyReceived',
      'PushMessage',
      'ReplyReceived',
    ])
  })

  test('server events reach channel.on listeners until they unsubscribe', async () => {
    const h = setup()
    const room = await h.joined()
    const got: unknown[] = []
    const off = room.on('new_msg', (payload) => got.push(payload))
    h.receive([null, null, 'room:1', 'new_msg', { body: 'a' }])
    h.receive([null, null, 'room:1', 'other', { body: 'x' }])
    await h.tick()
    off()
    h.receive([null, null, 'room:1', 'new_msg', { body: 'b' }])
    await h.tick()
    expect(got).toEqual([{ body: 'a' }])
  })

  test('a reply settles at the end of its task, not in the UI window: after the messages before it, in one batch', async () => {
    const h = setup()
    const room = await h.joined<{ receive: { new_msg: { body: string } } }>()
    h.notify.setScheduler((flush) => setTimeout(flush, 16))
    const order: string[] = []
    const $last = atom('')
    const notified = vi.fn()
    $last.listen(notified)
    room.on('new_msg', ({ body }) => {
      order.push(body)
      $last.set(body)
    })
    const push = room.push('new_msg', { body: 'mine' }).then(() => order.push('reply'))
    const [, ref] = h.lastSent('new_msg')
    h.receive([null, null, 'room:1', 'new_msg', { body: 'a' }])
    h.receive([null, null, 'room:1', 'new_msg', { body: 'b' }])
    h.receive(['1', ref, 'room:1', 'phx_reply', { status: 'ok', response: {} }])
    await push // no timer runs: the 16 ms window never came
    expect(order).toEqual(['a', 'b', 'reply'])
    expect(notified).toHaveBeenCalledTimes(1)
    expect($last.get()).toBe('b')
  })

  test('the same topic gives the same channel', () => {
    const h = setup()
    expect(h.client.channel('room:1')).toBe(h.client.channel('room:1'))
    expect(h.client.channel('room:1')).not.toBe(h.client.channel('room:2'))
  })

  test('a missing url throws at once and says what to pass', () => {
    // @ts-expect-error: url is required
    expect(() => createClient({})).toThrow(/needs a url/)
  })
})

describe('a flood of messages', () => {
  test('1,000 messages waiting are folded at once, in one batch; fewer wait for the window', async () => {
    const h = setup()
    const room = await h.joined<{ receive: { tick: { i: number } } }>()
    // The real 16 ms window, on the fake clock.
    h.notify.setScheduler((flush) => setTimeout(flush, 16))
    const seen: number[] = []
    const $last = atom(0)
    let notified = 0
    $last.listen(() => notified++)
    room.on('tick', ({ i }) => {
      seen.push(i)
      $last.set(i)
    })
    const frame = (i: number) => [null, null, 'room:1', 'tick', { i }]
    for (let i = 0; i < 999; i++) h.receive(frame(i))
    expect(seen).toEqual([])
    h.receive(frame(999))
    // In the task the 1,000th arrived in: all of them, in order, and the atom notified once.
    expect(seen).toEqual(Array.from({ length: 1_000 }, (_, i) => i))
    expect(notified).toBe(1)
    h.receive(frame(1_000))
    expect(seen).toHaveLength(1_000)
    await vi.advanceTimersByTimeAsync(16)
    expect(seen.at(-1)).toBe(1_000)
    expect(notified).toBe(2)
  })
})

describe('the devtools hook', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[INSPECT_HOOK]
  })

  test('with a hook installed, each new client reports itself once, before it opens anything', async () => {
    const seen: string[] = []
    const hook: InspectHook = {
      clientCreated: (client) => {
        client.inspect((entry) => {
          if (entry.kind !== 'frame') {
            seen.push(entry.kind === 'command' ? entry.command.type : entry.event.type)
          }
        })
      },
    }
    ;(globalThis as Record<string, unknown>)[INSPECT_HOOK] = hook
    const created = vi.spyOn(hook, 'clientCreated')
    // lazy: false opens in the constructor: the hook still hears the first command.
    const h = setup({ lazy: false }, false)
    expect(created).toHaveBeenCalledExactlyOnceWith(h.client)
    await h.open()
    expect(seen).toEqual(['OpenSocket', 'StatusChanged', 'SocketOpened', 'StatusChanged'])
  })

  test('without one, a client registers nowhere and nobody inspects it', async () => {
    const measure = vi.spyOn(TextEncoder.prototype, 'encode')
    const h = setup({}, false)
    await h.joined()
    expect(INSPECT_HOOK in globalThis).toBe(false)
    // No inspect listener: frames are not even measured.
    expect(measure).not.toHaveBeenCalled()
    measure.mockRestore()
  })
})
