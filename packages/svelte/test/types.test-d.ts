import type { Member } from '@wirestate/core/presence'
import { expectTypeOf } from 'vitest'
import { channel, presence } from '../src/index.ts'

// Type tests: a .test-d.ts is checked by `tsc` (the package's typecheck) and never run. The
// check fails if a line marked @ts-expect-error compiles, or an expectTypeOf does not hold.

interface RoomEvents {
  receive: { new_msg: { body: string; user: string } }
  push: { new_msg: { payload: { body: string }; reply: { id: string } } }
}

export function init(): void {
  const room = channel<RoomEvents>('room:1')
  room.on('new_msg', (msg) => expectTypeOf(msg).toEqualTypeOf<{ body: string; user: string }>())
  expectTypeOf(room.push('new_msg', { body: 'hi' })).resolves.toEqualTypeOf<{ id: string }>()
  // @ts-expect-error an event the server never sends
  room.on('new_mesage', () => {})
  // @ts-expect-error a wrong payload
  void room.push('new_msg', { text: 'hi' })

  const who = presence<{ status: 'here' | 'away' }>('room:1')
  expectTypeOf(who.$members.get().get('ann')).toEqualTypeOf<
    Member<{ status: 'here' | 'away' }> | undefined
  >()
  // @ts-expect-error not one of the statuses
  void who.update({ status: 'gone' })
}
