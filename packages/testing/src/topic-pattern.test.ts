import { expect, test } from 'vitest'
import { TopicPattern } from './topic-pattern.ts'

test('a pattern matches like a server route', () => {
  expect(new TopicPattern('room:*').match('room:42')).toEqual(['42'])
  expect(new TopicPattern('room:*').match('room:42:chat')).toEqual(['42:chat'])
  expect(new TopicPattern('user:*:notifications').match('user:7:notifications')).toEqual(['7'])
  expect(new TopicPattern('user:*:notifications').match('user:7:x:notifications')).toBeNull()
  expect(new TopicPattern('room:lobby').match('room:lobby')).toEqual([])
  expect(new TopicPattern('room:lobby').match('room:lobby2')).toBeNull()
  expect(new TopicPattern('room.*').match('roomX1')).toBeNull()
  expect(() => new TopicPattern('')).toThrow(/must not be empty/)
})
