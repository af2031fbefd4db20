import type { Channel } from '../channel/channel.ts'

/**
 * How a feature names the user behind a channel: a string that is stable for one
 * person across connections and nodes (a chat message's `user`, the `<id>` of
 * `user:<id>:notifications`).
 *
 * @example
 * ```ts
 * const userId: UserIdOf<{ sub: string }> = (channel) => channel.user.sub
 * ```
 */
export type UserIdOf<User> = (channel: Channel<User>) => string

/**
 * The default {@link UserIdOf}: the user itself when `authenticate` returned a
 * string, else its `id` (string or number), else its `name`. Throws when there is
 * none of these: pass a `userId` option then.
 *
 * @example
 * ```ts
 * defaultUserId({ user: { name: 'alice' } } as Channel<{ name: string }>) // 'alice'
 * ```
 */
export function defaultUserId(channel: Channel<unknown>): string {
  const user = channel.user
  if (typeof user === 'string' && user !== '') return user
  if (user !== null && typeof user === 'object') {
    const { id, name } = user as { id?: unknown; name?: unknown }
    if ((typeof id === 'string' && id !== '') || typeof id === 'number') return String(id)
    if (typeof name === 'string' && name !== '') return name
  }
  throw new TypeError(
    'cannot tell who the user is: authenticate returned no string, id or name; pass a userId option',
  )
}
