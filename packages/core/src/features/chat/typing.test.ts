import { afterEach, describe, expect, test, vi } from 'vitest'
import { chatRoom, msg, TOPIC } from '../../../test/chat-harness.ts'

afterEach(() => {
  vi.useRealTimers()
})

// Exact times: the harness's tick() adds 1 ms per call.
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms)
const typing = (user: string, on: unknown = true) => [
  null,
  null,
  TOPIC,
  'typing',
  { user, typing: on },
]

describe('typing of others', () => {
  test('shows who types, in order; an indicator not renewed goes after the timeout', async () => {
    const { h, c } = await chatRoom({ typingExpireMs: 5_000 })
    h.receive(typing('bob'))
    h.receive(typing('cat'))
    await advance(0)
    expect(c.$typing.value).toEqual(['bob', 'cat'])
    await advance(3_000)
    h.receive(typing('bob'))
    await advance(1_999)
    expect(c.$typing.value).toEqual(['bob', 'cat'])
    await advance(1)
    // cat's 5 s are over; bob renewed 2 s ago.
    expect(c.$typing.value).toEqual(['bob'])
    await advance(2_999)
    expect(c.$typing.value).toEqual(['bob'])
    await advance(1)
    expect(c.$typing.value).toEqual([])
  })

  test('typing: false (or anything but true) and a message from that user end it; our own user is left out', async () => {
    const { h, c } = await chatRoom({ user: 'ann' })
    h.receive(typing('bob'))
    h.receive(typing('cat'))
    h.receive(typing('dan'))
    h.receive(typing('ann'))
    await h.tick()
    expect(c.$typing.value).toEqual(['bob', 'cat', 'dan'])
    h.receive(typing('bob', false))
    h.receive(typing('dan', 'yes'))
    h.receive(msg('1-0', { user: 'cat' }))
    await h.tick()
    expect(c.$typing.value).toEqual([])
  })

  test('the indicators are cleared when the channel leaves', async () => {
    const { h, c, room } = await chatRoom()
    h.receive(typing('bob'))
    await h.tick()
    room.leave()
    await h.reply('phx_leave', 'ok')
    expect(c.$typing.value).toEqual([])
  })
})

describe('setTyping', () => {
  test('true is sent at most once per throttle window, false at once; typing is not sent while not joined', async () => {
    const { h, c } = await chatRoom({ typingThrottleMs: 2_000 })
    const sent = () =>
      h
        .sent()
        .filter((f) => f[3] === 'typing')
        .map((f) => f[4])
    c.setTyping(true)
    await advance(500)
    c.setTyping(true)
    await advance(1_499)
    c.setTyping(true)
    expect(sent()).toEqual([{ typing: true }])
    await advance(1)
    c.setTyping(true)
    expect(sent()).toEqual([{ typing: true }, { typing: true }])
    c.setTyping(false)
    c.setTyping(false)
    c.setTyping(true)
    expect(sent()).toEqual([
      { typing: true },
      { typing: true },
      { typing: false },
      { typing: true },
    ])
    // Sending a message ends typing.
    c.send('done')
    expect(sent().at(-1)).toEqual({ typing: false })
    h.socket().serverClose(1006)
    await h.tick()
    c.setTyping(true)
    expect(h.fake.sockets.length).toBe(1)
    expect(sent()).toHaveLength(5)
  })

  test('typing pushes expect no reply: sent once, never a timeout or an error', async () => {
    const { h, c } = await chatRoom({ typingThrottleMs: 1_000 })
    c.setTyping(true)
    await h.tick(5_000)
    expect(h.sent().filter((f) => f[3] === 'typing')).toHaveLength(1)
    expect(h.events('PushTimedOut')).toHaveLength(0)
    expect(h.logger.error).not.toHaveBeenCalled()
  })
})
