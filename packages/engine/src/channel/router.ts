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
 * Finds the route for a topic: the first pattern, in the order given, that matches.
 *
 * @example
 * ```ts
 * const router = new Router({ 'room:*': rooms })
 * router.match('room:lobby')?.wildcards // ['lobby']
 * ```
 */
export class Router<User = unknown> {
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
