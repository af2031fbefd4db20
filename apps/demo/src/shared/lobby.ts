import type { Members } from '@wirestate/core/presence'

/**
 * The lobby: a topic everyone joins, whose presence meta says which room each tab is in
 * (`{ room: 'general' }`, or `null` in the lobby), changed with `presence_update`. The
 * demo server serves it with its `room:*` routes, so the lobby is a topic no room may
 * use.
 */
export const LOBBY_TOPIC = 'room:lobby'

/** Rooms listed even when empty. */
export const DEFAULT_ROOMS: readonly string[] = ['general', 'random', 'help']

/** What a lobby presence meta holds (a type, not an interface: metas are records). */
export type LobbyMeta = { room: string | null }

/** A room as the lobby lists it. */
export interface RoomCount {
  readonly name: string
  /** People (user names, not tabs) in it now. */
  readonly people: number
}

const ROOM_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/

/**
 * A room's topic: `room:<name>`.
 *
 * @example
 * ```ts
 * roomTopic('general') // 'room:general'
 * ```
 */
export function roomTopic(name: string): string {
  return `room:${name}`
}

/**
 * Whether a typed room name can be used: lower-case letters, digits and dashes, at most
 * 32, and not the lobby's own topic.
 *
 * @example
 * ```ts
 * isRoomName('book-club') // true
 * isRoomName('lobby') // false
 * ```
 */
export function isRoomName(name: string): boolean {
  return ROOM_NAME.test(name) && roomTopic(name) !== LOBBY_TOPIC
}

/**
 * The rooms to list, from the lobby's presence: the default ones and every room someone
 * is in, each with how many people are in it (a person with two tabs in one room counts
 * once), busiest first, then by name.
 *
 * @example
 * ```ts
 * roomCounts(members) // [{ name: 'general', people: 2 }, { name: 'help', people: 0 }, ...]
 * ```
 */
export function roomCounts(members: Members): RoomCount[] {
  const people = new Map<string, Set<string>>(DEFAULT_ROOMS.map((name) => [name, new Set()]))
  for (const member of members.values()) {
    for (const meta of member.metas) {
      const room = meta.room
      if (typeof room !== 'string' || !isRoomName(room)) continue
      const here = people.get(room) ?? new Set<string>()
      people.set(room, here.add(member.id))
    }
  }
  return [...people]
    .map(([name, ids]) => ({ name, people: ids.size }))
    .sort((a, b) => b.people - a.people || a.name.localeCompare(b.name))
}
