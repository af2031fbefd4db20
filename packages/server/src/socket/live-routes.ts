import { type ChannelRoute, type RouteMatch, Router, type RouteTable } from '@wirestate/engine'

type Channels<User> = Readonly<Record<string, ChannelRoute<User>>>

/**
 * A route table whose routes can be replaced while clients stay joined. A join keeps
 * the route it matched for as long as it lasts, so this table hands out one stand-in
 * route per pattern whose every member (`join`, `events`, `handleIn`, `terminate`,
 * `presence`, `stream`) reads the route of that pattern as it is now: after
 * `replace()`, the next event of a join that began before runs the new handler,
 * with the connection, the join, its assigns and its presence untouched.
 *
 * A pattern that a replacement drops leaves its joins without handlers (`unhandled
 * event`) until it comes back; new joins of its topics get `unmatched topic`.
 *
 * @example
 * ```ts
 * const routes = new LiveRoutes({ 'room:*': { events: { ping: () => replyOk(1) } } })
 * const server = createServer({ routes })
 * routes.replace({ 'room:*': { events: { ping: () => replyOk(2) } } }) // next ping: 2
 * ```
 */
export class LiveRoutes<User = unknown> implements RouteTable<User> {
  #channels: Channels<User>
  #router: Router<User>
  #standIns = new Map<string, ChannelRoute<User>>()

  constructor(channels: Channels<User> = {}) {
    this.#channels = channels
    this.#router = new Router(channels)
  }

  /** The routes from now on, for joins old and new. */
  replace(channels: Channels<User>): void {
    this.#channels = channels
    this.#router = new Router(channels)
    for (const pattern of this.#standIns.keys()) {
      if (!Object.hasOwn(channels, pattern)) this.#standIns.delete(pattern)
    }
  }

  match(topic: string): RouteMatch<User> | null {
    const found = this.#router.match(topic)
    if (!found) return null
    return {
      route: this.#standIn(found.pattern),
      pattern: found.pattern,
      wildcards: found.wildcards,
    }
  }

  #standIn(pattern: string): ChannelRoute<User> {
    let route = this.#standIns.get(pattern)
    if (!route) {
      route = standInRoute(() => this.#current(pattern))
      this.#standIns.set(pattern, route)
    }
    return route
  }

  #current(pattern: string): ChannelRoute<User> | undefined {
    return Object.hasOwn(this.#channels, pattern) ? this.#channels[pattern] : undefined
  }
}

// Getters, not copies: the engine reads a route's members when it needs them (a push,
// a presence track, a history page), so each read finds the route of the moment.
// Methods are bound to their route: a route written as an object with helpers may
// use `this`.
function standInRoute<User>(current: () => ChannelRoute<User> | undefined): ChannelRoute<User> {
  return {
    get join() {
      return bound(current(), 'join')
    },
    get events() {
      return current()?.events
    },
    get handleIn() {
      return bound(current(), 'handleIn')
    },
    get terminate() {
      return bound(current(), 'terminate')
    },
    get presence() {
      return current()?.presence
    },
    get stream() {
      return current()?.stream
    },
  }
}

function bound<User, K extends 'join' | 'handleIn' | 'terminate'>(
  route: ChannelRoute<User> | undefined,
  key: K,
): ChannelRoute<User>[K] {
  const method = route?.[key]
  return method && (method.bind(route) as ChannelRoute<User>[K])
}
