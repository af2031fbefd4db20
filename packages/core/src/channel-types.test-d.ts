import { describe, expectTypeOf, test } from 'vitest'
import { setup } from '../test/harness.ts'
import type { Channel } from './channel.ts'
import type { ChannelState } from './channel-types.ts'
import { chat } from './features/chat/index.ts'
import { type Member, presence } from './features/presence/index.ts'
import type { ChatChannelEvents, ChatMessagePayload } from './protocol/index.ts'

// Type tests: a .test-d.ts is checked by `tsc` (the package's typecheck) and never run. The
// check fails if a line marked @ts-expect-error compiles, or an expectTypeOf does not hold.

interface RoomEvents {
  receive: { new_msg: { body: string; user: string }; user_left: { id: number } }
  push: {
    new_msg: { payload: { body: string }; reply: { id: string } }
    ping: { payload: undefined; reply: { pong: true } }
  }
}

describe('typed channels', () => {
  test('on, once, onMessage and push are typed by the channel’s event map', () => {
    const { client } = setup()
    const room = client.channel<RoomEvents>('room:1')
    expectTypeOf(room).toEqualTypeOf<Channel<RoomEvents>>()
    room.on('new_msg', (msg) => expectTypeOf(msg).toEqualTypeOf<{ body: string; user: string }>())
    room.on('user_left', (left) => expectTypeOf(left.id).toBeNumber())
    expectTypeOf(room.once('user_left')).resolves.toEqualTypeOf<{ id: number }>()
    room.onMessage((event, payload) => {
      if (event === 'user_left') expectTypeOf(payload).toEqualTypeOf<{ id: number }>()
    })
    expectTypeOf(room.push('new_msg', { body: 'hi' })).resolves.toEqualTypeOf<{ id: string }>()
    expectTypeOf(room.push('ping')).resolves.toEqualTypeOf<{ pong: true }>()
    expectTypeOf(room.$state.get()).toEqualTypeOf<ChannelState>()

    // @ts-expect-error an event the server never sends
    room.on('new_mesage', () => {})
    // @ts-expect-error the payload is not what the callback expects
    room.on('user_left', (left: { id: string }) => left)
    // @ts-expect-error an event we do not push
    void room.push('user_left', { id: 1 })
    // @ts-expect-error a wrong payload
    void room.push('new_msg', { text: 'hi' })
    // @ts-expect-error a payload is required
    void room.push('new_msg')
    // @ts-expect-error once() of an unknown event
    void room.once('nope')
  })

  test('a channel without a map takes any event, with unknown payloads and replies', () => {
    const { client } = setup()
    const room = client.channel('room:1')
    room.on('anything', (payload) => expectTypeOf(payload).toBeUnknown())
    expectTypeOf(room.push('anything', { a: 1 })).resolves.toBeUnknown()
    // A typed channel goes where an untyped one is taken (features take any channel).
    const typed: Channel = client.channel<RoomEvents>('room:2')
    expectTypeOf(typed).toEqualTypeOf<Channel>()
  })

  test('the protocol’s event maps type a chat topic’s messages', () => {
    const { client } = setup()
    const room = client.channel<ChatChannelEvents>('room:1')
    room.on('new_msg', (m) => expectTypeOf(m).toEqualTypeOf<ChatMessagePayload>())
    expectTypeOf(room.push('new_msg', { body: 'hi', client_id: 'c-1' })).resolves.toEqualTypeOf<{
      id: string
    }>()
    // @ts-expect-error a chat message has a body, not a text
    void room.push('new_msg', { text: 'hi' })
    const messages = chat(room).$messages.get()
    expectTypeOf(messages[0]?.body).toEqualTypeOf<string | undefined>()
  })

  test('presence metas are typed by the app’s meta fields', () => {
    const { client } = setup()
    interface RoomMeta {
      status: 'here' | 'away'
    }
    const p = presence<RoomMeta>(client.channel('room:1'), { meta: { status: 'here' } })
    const member = p.$members.get().get('alice')
    expectTypeOf(member).toEqualTypeOf<Member<RoomMeta> | undefined>()
    expectTypeOf(member?.metas[0]?.status).toEqualTypeOf<'here' | 'away' | undefined>()
    expectTypeOf(member?.metas[0]?.phx_ref).toEqualTypeOf<string | undefined>()
    void p.update({ status: 'away' })
    // @ts-expect-error not one of the statuses
    void p.update({ status: 'gone' })
    // @ts-expect-error not one of the statuses
    presence<RoomMeta>(client.channel('room:2'), { meta: { status: 'busy' } })
  })
})
