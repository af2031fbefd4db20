import { expect, test } from 'vitest'
import { Rules } from './rules.ts'

test('the newest matching rule wins; removing it uncovers the older one', () => {
  const rules = new Rules<() => string>()
  rules.add('room:*', 'new_msg', () => 'any room')
  const remove = rules.add('room:1', 'new_msg', () => 'room 1')
  rules.add('room:*', 'typing', () => 'typing')
  expect(rules.find('room:1', 'new_msg')?.handler()).toBe('room 1')
  expect(rules.find('room:2', 'new_msg')).toMatchObject({ wildcards: ['2'] })
  expect(rules.find('room:2', 'other')).toBeUndefined()
  expect(rules.find('room:2')).toBeUndefined() // a join lookup does not see push rules
  expect([rules.covers('room:7'), rules.covers('user:7')]).toEqual([true, false])
  remove()
  expect(rules.find('room:1', 'new_msg')?.handler()).toBe('any room')
  rules.clear()
  expect(rules.find('room:1', 'new_msg')).toBeUndefined()
  expect(() => rules.add('room:*', undefined, 'nope' as never)).toThrow(/handler function/)
})
