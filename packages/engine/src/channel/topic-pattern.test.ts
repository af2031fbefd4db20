import { describe, expect, it } from 'vitest'
import { TopicPattern } from './topic-pattern.ts'

describe('TopicPattern', () => {
  it('matches a trailing * against the whole rest, colons included, as Phoenix does', () => {
    const rooms = new TopicPattern('room:*')
    expect(rooms.match('room:lobby')).toEqual(['lobby'])
    expect(rooms.match('room:42:chat')).toEqual(['42:chat'])
    expect(rooms.match('room:')).toBeNull()
    expect(rooms.match('rooms:1')).toBeNull()
  })

  it('matches an inner * against one segment', () => {
    const notifications = new TopicPattern('user:*:notifications')
    expect(notifications.match('user:7:notifications')).toEqual(['7'])
    expect(notifications.match('user:7:8:notifications')).toBeNull()
    expect(notifications.match('user::notifications')).toBeNull()
    expect(notifications.match('user:7:notifications:x')).toBeNull()
  })

  it('treats regex characters literally and exact patterns exactly', () => {
    expect(new TopicPattern('a.b:*').match('axb:1')).toBeNull()
    expect(new TopicPattern('lobby').match('lobby')).toEqual([])
    expect(new TopicPattern('lobby').match('lobby2')).toBeNull()
    expect(new TopicPattern('room:*').match('room:line\nbreak')).toEqual(['line\nbreak'])
  })

  it('says how to fix an empty pattern', () => {
    expect(() => new TopicPattern('')).toThrow(/must not be empty/)
  })
})
