import { Serializer } from 'phoenix'
import { describe, expect, it } from 'vitest'
import { encodeBinaryPush } from './binary-push.ts'

const decodeWithPhoenixJs = (data: Uint8Array | ArrayBuffer) =>
  Serializer.decode(data instanceof ArrayBuffer ? data : data.slice().buffer, (m) => m)

describe('encodeBinaryPush', () => {
  it('is read back by phoenix.js as a push with its join_ref, topic, event and bytes', () => {
    const frame = encodeBinaryPush('12', 'room:ü', 'chunk', Uint8Array.of(0, 1, 255).buffer)
    const message = decodeWithPhoenixJs(frame) as { payload: ArrayBuffer }
    expect(message).toMatchObject({ join_ref: '12', ref: null, topic: 'room:ü', event: 'chunk' })
    expect([...new Uint8Array(message.payload)]).toEqual([0, 1, 255])
  })

  it('refuses fields over 255 bytes', () => {
    expect(() => encodeBinaryPush('1', 'x'.repeat(256), 'e', new ArrayBuffer(0))).toThrow(
      RangeError,
    )
  })
})
