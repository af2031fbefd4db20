import type { ChatChannelEvents } from '@wirestate/core/protocol'
import { chatRoute, replyError, replyOk } from '@wirestate/engine'
import { expect, test } from 'vitest'
import { type MockSocket, serveNotifications } from '../src/index.ts'
import { until, useMockServer } from './harness.ts'

// No catchAll: routes as on @wirestate/server.
const { mock, connect } = useMockServer({
  channels: {
    'shop:*': {
      join: (topic, _payload, channel) =>
        (channel.user as MockSocket).info.params.user === 'ann'
          ? replyOk({ joined: topic })
          : replyError({ reason: 'unauthorized' }),
      events: { price: (payload) => replyOk({ echoed: payload }) },
    },
    'chat:*': chatRoute<MockSocket>({ userId: (channel) => channel.user.info.params.user ?? '' }),
  },
})

/** Joins `topic` and resolves to the outcome: `['ok', response]` or `['error', reason]`. */
function joinResult(client: ReturnType<typeof connect>['client'], topic: string) {
  return new Promise<[string, unknown]>((resolve) => {
    const off = client.inspect((entry) => {
      if (entry.kind !== 'event' || !('topic' in entry.event) || entry.event.topic !== topic) return
      if (entry.event.type === 'ChannelJoined') resolve(['ok', entry.event.response])
      else if (entry.event.type === 'ChannelJoinRejected') resolve(['error', entry.event.reason])
      else return
      off()
    })
    client.channel(topic).join()
  })
}

test('a topic nothing is about gets "unmatched topic", as from the real server', async () => {
  const { client } = connect({ fatalJoinReasons: ['unmatched topic'] })
  expect(await joinResult(client, 'room:1')).toEqual(['error', 'unmatched topic'])
  expect(mock.sent.map((f) => f.message)).toEqual([
    {
      joinRef: null,
      ref: '1',
      topic: 'room:1',
      event: 'phx_reply',
      payload: { status: 'error', response: { reason: 'unmatched topic' } },
    },
  ])
})

test('a rule, a stream, a presence or a helper makes a topic joinable', async () => {
  mock.onPush('room:*', 'ping', () => ({ ok: {} }))
  mock.stream('feed:1')
  mock.presence('lobby')
  serveNotifications(mock, 'user:ann:notifications')
  const { client } = connect()
  for (const topic of ['room:7', 'feed:1', 'lobby', 'user:ann:notifications']) {
    expect((await joinResult(client, topic))[0]).toBe('ok')
  }
  expect(mock.connections[0]?.topics).toHaveLength(4)
})

test('channels: routes written for @wirestate/server, rules over them', async () => {
  const ann = connect({ params: { user: 'ann' } })
  const bob = connect({ params: { user: 'bob' }, fatalJoinReasons: ['unauthorized'] })
  expect(await joinResult(ann.client, 'shop:1')).toEqual(['ok', { joined: 'shop:1' }])
  expect(await joinResult(bob.client, 'shop:1')).toEqual(['error', 'unauthorized'])
  const shop = ann.client.channel('shop:1')
  await expect(shop.push('price', { n: 1 })).resolves.toEqual({ echoed: { n: 1 } })
  mock.onPush('shop:*', 'price', () => ({ ok: { from: 'the rule' } }))
  await expect(shop.push('price', { n: 2 })).resolves.toEqual({ from: 'the rule' })

  expect((await joinResult(ann.client, 'chat:1'))[0]).toBe('ok')
  const room = ann.client.channel<ChatChannelEvents>('chat:1')
  const sent = await room.push('new_msg', { body: 'hi', client_id: 'c1' })
  expect(sent.id).toMatch(/^\d+-\d+$/)
  await until(() => expect(mock.sent.map((f) => f.message.event)).toContain('new_msg'))
  const stored = mock.sent.find((f) => f.message.event === 'new_msg')?.message.payload
  expect(stored).toMatchObject({ body: 'hi', user: 'ann', id: sent.id })
})
