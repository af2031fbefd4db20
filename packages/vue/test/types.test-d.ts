import type { ChatMessage } from '@wirestate/core/chat'
import type { Member } from '@wirestate/core/presence'
import { expectTypeOf } from 'vitest'
import { useChannel, useChannelEvent, useChat, usePresence } from '../src/index.ts'

// Type tests: a .test-d.ts is checked by `vue-tsc` (the package's typecheck) and never run.
// The check fails if a line marked @ts-expect-error compiles, or an expectTypeOf does not hold.

interface RoomEvents {
  receive: { new_msg: { body: string; user: string }; user_left: { id: number } }
  push: { new_msg: { payload: { body: string }; reply: { id: string } } }
}

export function setup(): void {
  const { push, channel, state } = useChannel<RoomEvents>('room:1', {
    onMessage: (event, payload) => {
      if (event === 'user_left') expectTypeOf(payload).toEqualTypeOf<{ id: number }>()
    },
  })
  expectTypeOf(state.value.status).toBeString()
  expectTypeOf(push('new_msg', { body: 'hi' })).resolves.toEqualTypeOf<{ id: string }>()
  // @ts-expect-error a wrong payload
  void push('new_msg', { text: 'hi' })

  useChannelEvent(channel, 'new_msg', (msg) => {
    expectTypeOf(msg).toEqualTypeOf<{ body: string; user: string }>()
  })
  // @ts-expect-error an event the server never sends
  useChannelEvent(channel, 'new_mesage', () => {})

  const { members, update } = usePresence<{ status: 'here' | 'away' }>('room:1')
  expectTypeOf(members.value.get('ann')).toEqualTypeOf<
    Member<{ status: 'here' | 'away' }> | undefined
  >()
  expectTypeOf(members.value.version).toBeNumber()
  // @ts-expect-error not one of the statuses
  void update({ status: 'gone' })

  const { messages } = useChat('room:1:chat')
  expectTypeOf(messages.value).toEqualTypeOf<readonly ChatMessage[]>()
}
