import { Serializer } from 'phoenix'
import { describe, expect, test } from 'vitest'
import { decodeFrame, encodeFrame } from './serializer.ts'

// phoenix.js's own serializer is the reference for the binary layouts, which differ by
// direction: a client's push carries a ref, a server's push does not.
const data = () => new Uint8Array([1, 2, 3, 0xfa, 0xff]).buffer
const bytes = (b: unknown) => [...new Uint8Array(b as ArrayBuffer)]
type PhoenixMessage = {
  join_ref: string | null
  ref: string | null
  topic: string
  event: string
  payload: unknown
}
const phoenixDecode = (frame: unknown) =>
  new Promise<PhoenixMessage>((resolve) => Serializer.decode(frame as ArrayBuffer, resolve))
const phoenixEncode = (msg: PhoenixMessage) =>
  new Promise<ArrayBuffer>((resolve) => Serializer.encode(msg as never, resolve as never))

describe('binary frames, checked against phoenix.js', () => {
  test('a client push (with its ref) decodes on the server side', async () => {
    const frame = await phoenixEncode({
      join_ref: '5',
      ref: '11',
      topic: 'room:1',
      event: 'echo',
      payload: data(),
    })
    const r = decodeFrame(frame, 'client')
    expect(r).toMatchObject({
      ok: true,
      message: { joinRef: '5', ref: '11', topic: 'room:1', event: 'echo' },
    })
    expect(bytes(r.ok && r.message.payload)).toEqual(bytes(data()))
    expect(
      bytes(
        encodeFrame({ joinRef: '5', ref: '11', topic: 'room:1', event: 'echo', payload: data() }),
      ),
    ).toEqual(bytes(frame))
  })

  test('a server push (no ref) is read by phoenix.js and by our client', async () => {
    const frame = encodeFrame(
      { joinRef: '5', ref: null, topic: 'room:1', event: 'pushed', payload: data() },
      'server',
    )
    const theirs = await phoenixDecode(frame)
    expect(theirs).toMatchObject({ join_ref: '5', ref: null, topic: 'room:1', event: 'pushed' })
    expect(bytes(theirs.payload)).toEqual(bytes(data()))
    expect(decodeFrame(frame)).toMatchObject({
      ok: true,
      message: { joinRef: '5', ref: null, event: 'pushed' },
    })
  })

  test('a server reply is read by phoenix.js', async () => {
    const payload = { status: 'ok', response: data() }
    const frame = encodeFrame(
      { joinRef: '5', ref: '11', topic: 'room:1', event: 'phx_reply', payload },
      'server',
    )
    const theirs = await phoenixDecode(frame)
    expect(theirs).toMatchObject({ join_ref: '5', ref: '11', topic: 'room:1', event: 'phx_reply' })
    expect(bytes((theirs.payload as { response: ArrayBuffer }).response)).toEqual(bytes(data()))
    expect((theirs.payload as { status: string }).status).toBe('ok')
  })

  test('a server broadcast is read by phoenix.js and by our client', async () => {
    const frame = encodeFrame(
      { joinRef: null, ref: null, topic: 'room:1', event: 'blob', payload: data() },
      'server',
    )
    expect(await phoenixDecode(frame)).toMatchObject({
      join_ref: null,
      ref: null,
      topic: 'room:1',
      event: 'blob',
    })
    expect(decodeFrame(frame)).toMatchObject({
      ok: true,
      message: { joinRef: null, ref: null, event: 'blob' },
    })
  })
})
