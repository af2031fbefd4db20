import { expect, test } from 'vitest'
import { findIllFormed } from './well-formed.ts'

test('finds a lone surrogate anywhere in a payload, and says where', () => {
  expect(findIllFormed({ body: 'plain', emoji: '😀', list: [1, 'two', null] })).toBeUndefined()
  expect(findIllFormed({ body: 'half \uD83D' })).toBe('payload.body')
  expect(findIllFormed({ list: ['ok', { deep: '\uDE00 low' }] })).toBe('payload.list[1].deep')
  expect(findIllFormed({ 'key \uD800': 1 })).toBe('payload (a key)')
  expect(findIllFormed('\uDBFF')).toBe('payload')
  expect(findIllFormed(new Uint8Array([0xd8, 0x3d]).buffer)).toBeUndefined()
})
