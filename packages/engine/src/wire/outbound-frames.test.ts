import { Serializer } from 'phoenix'
import { describe, expect, it } from 'vitest'
import { pushFrame } from './outbound-frames.ts'

describe('pushFrame', () => {
  it('a binary push is read back by phoenix.js with its join_ref, topic, event and bytes', () => {
    const frame = pushFrame('12', 'room:ü', 'chunk', Uint8Array.of(0, 1, 255).buffer)
    const message = Serializer.decode(frame as ArrayBuffer, (m) => m) as { payload: ArrayBuffer }
    expect(message).toMatchObject({ join_ref: '12', ref: null, topic: 'room:ü', event: 'chunk' })
    expect([...new Uint8Array(message.payload)]).toEqual([0, 1, 255])
  })
})
