import { describe, expect, it } from 'vitest'
import { defaultPresenceMeta, newPresenceRef } from './presence-meta.ts'

describe('presence metas', () => {
  it('keep a small requested object, drop phx_ fields, and add online_at', () => {
    const meta = defaultPresenceMeta({ status: 'away', phx_ref: 'forged' })
    expect(meta).toEqual({ status: 'away', online_at: expect.stringMatching(/^\d{10}$/) })
  })

  it('ignore requests that are not small JSON objects', () => {
    for (const requested of [
      undefined,
      null,
      'away',
      [1],
      { big: 'x'.repeat(2000) },
      new ArrayBuffer(2),
    ]) {
      expect(Object.keys(defaultPresenceMeta(requested))).toEqual(['online_at'])
    }
  })

  it('make unique 16-character refs', () => {
    const refs = new Set(Array.from({ length: 1000 }, newPresenceRef))
    expect(refs.size).toBe(1000)
    for (const ref of refs) expect(ref).toMatch(/^[\w-]{16}$/)
  })
})
