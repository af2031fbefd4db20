import { describe, expect, it } from 'vitest'
import { RecentClientIds } from './recent-client-ids.ts'

describe('RecentClientIds', () => {
  it('remembers per topic and forgets the oldest beyond capacity', () => {
    const recent = new RecentClientIds(2)
    recent.set('room:1', 'a', '1-0')
    recent.set('room:2', 'a', '2-0')
    expect([recent.get('room:1', 'a'), recent.get('room:2', 'a')]).toEqual(['1-0', '2-0'])
    recent.set('room:1', 'b', '3-0')
    expect([recent.get('room:1', 'a'), recent.get('room:1', 'b')]).toEqual([undefined, '3-0'])
  })
})
