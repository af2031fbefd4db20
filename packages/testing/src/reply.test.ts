import { expect, test } from 'vitest'
import { replyPayload } from './reply.ts'

test('ok and error become the wire reply; anything else is a mistake in the test', () => {
  expect(replyPayload({ ok: { id: 1 } })).toEqual({ status: 'ok', response: { id: 1 } })
  expect(replyPayload({ ok: undefined })).toEqual({ status: 'ok', response: {} })
  expect(replyPayload({ error: { reason: 'no' } })).toEqual({
    status: 'error',
    response: { reason: 'no' },
  })
  expect(() => replyPayload({ id: 1 } as never)).toThrow(/got \{"id":1\}/)
  expect(() => replyPayload(null as never)).toThrow(/got null/)
})
