import type { ChatMessage } from '@wirestate/core/chat'
import type { Member } from '@wirestate/core/presence'
import { expectTypeOf } from 'vitest'
import { useChannel, useChannelEvent, useChat, usePresence } from '../src/index.ts'

// Type tests: a .test-d.tsx is checked by `tsc` (the package's typecheck) and never run. The
// check fails if a line marked @ts-expect-error compiles, or an expectTypeOf does not hold.

interface RoomEvents {
  receive: { new_msg: { body: string; user: string }; user_left: { id: number } }
  push: { new_msg: { payload: { body: string }; reply: { id: string } } }
}

export function TypedRoom(): null {
  const { push, channel } = useChannel<RoomEvents>('room:1', {
    onMessage: (event, payload) => {
      if (event === 'user_left') expectTypeOf(payload).toEqualTypeOf<{ id: number }>()
    },
  })
  expectTypeOf(push('new_msg', { body: 'hi' })).resolves.toEqualTypeOf<{ id: string }>()
  // @ts-expect-error a wrong payload
  void push('new_msg', { text: 'hi' })
  // @ts-expect-error an event we do not push
  void push('user_left', { id: 1 })

  useChannelEvent(channel, 'new_msg', (msg) => {
    expectTypeOf(msg).toEqualTypeOf<{ body: string; user: string }>()
  })
  useChannelEvent<RoomEvents, 'user_left'>('room:1', 'user_left', (left) => {
    expectTypeOf(left.id).toBeNumber()
  })
  // @ts-expect-error an event the server never sends
  useChannelEvent(channel, 'new_mesage', () => {})
  // @ts-expect-error the payload is not what the callback expects
  useChannelEvent(channel, 'user_left', (left: { id: string }) => left)

  const { members, update } = usePresence<{ status: 'here' | 'away' }>('room:1')
  expectTypeOf(members.get('ann')).toEqualTypeOf<Member<{ status: 'here' | 'away' }> | undefined>()
  // @ts-expect-error not one of the statuses
  void update({ status: 'gone' })

  const { messages } = useChat('room:1:chat')
  expectTypeOf(messages).toEqualTypeOf<readonly ChatMessage[]>()
  return null
}
