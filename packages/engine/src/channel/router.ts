import type { ChannelRoute } from './channel-route.ts'
import { TopicPattern } from './topic-pattern.ts'

/**
 * A route that matched a topic, with the wildcard values.
 *
 * @example
 * ```ts
 * const found: RouteMatch = { route: rooms, pattern: 'room:*', wildcards: ['lobby'] }
 * ```
 */
export interface RouteMatch<User = unknown> {
  readonly route: ChannelRoute<User>
  readonly pattern: string
  readonly wildcards: readonly string[]
}

/**
 * Where an engine looks up the route of a topic, at each join and broadcast. `Router`
 * is the usual one (patterns in order); the test kit's answers from rules a test adds
 * as it goes.
 *
 * @example
 * ```ts
 * const routes: RouteTable = { match: (topic) => (topic === 'lobby' ? { route: lobby, pattern: 'lobby', wildcards: [] } : null) }
 * ```
 */
export interface RouteTable<User = unknown> {
  /** The route for `topic`, or `null`: a join gets `unmatched topic`. */
  match(topic: string): RouteMatch<User> | null
}

/**
 * Finds the route for a topic: the first pattern, in the order given, that matches.
 *
 * @example
 * ```ts
 * const router = new Router({ 'room:*': rooms })
 * router.match('room:lobby')?.wildcards // ['lobby']
 * ```
 */
export class Router<User = unknown> implements RouteTable<User> {
  #routes: { pattern: TopicPattern; route: ChannelRoute<User> }[]

  constructor(channels: Readonly<Record<string, ChannelRoute<User>>>) {
    this.#routes = Object.entries(channels).map(([source, route]) => ({
      pattern: new TopicPattern(source),
      route,
    }))
  }

  /** The first matching route, or `null`. */
  match(topic: string): RouteMatch<User> | null {
    for (const { pattern, route } of this.#routes) {
      const wildcards = pattern.match(topic)
      if (wildcards) return { route, pattern: pattern.source, wildcards }
    }
    return null
  }
}
