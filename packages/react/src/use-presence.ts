import type { Members, Presence, PresenceOptions } from '@wirestate/core/presence'
import { presence } from '@wirestate/core/presence'
import { useClient } from './provider.tsx'
import { useAtom } from './use-atom.ts'

/**
 * What {@link usePresence} returns.
 *
 * @example
 * ```ts
 * const { members, count, update }: UsePresenceResult = usePresence('room:42')
 * ```
 */
export interface UsePresenceResult {
  /** Members by key, each with one meta per connection; a new object on every change. */
  members: Members
  /** How many members (keys) are present. */
  count: number
  /** Sets our own meta (pushed now and sent with every later join). */
  update: Presence['update']
}

/**
 * Who is on a channel, following joins and leaves. Joins the channel while mounted (after
 * commit); on the server it renders an empty room. `options` (our own meta, the leave
 * delay) count the first time presence is set up for the topic.
 *
 * @example
 * ```tsx
 * function WhoIsHere({ room }: { room: string }) {
 *   const { members, count } = usePresence(room, { meta: { status: 'here' } })
 *   return (
 *     <ul aria-label={`${count} online`}>
 *       {[...members.values()].map((m) => <li key={m.id}>{m.id}</li>)}
 *     </ul>
 *   )
 * }
 * ```
 */
export function usePresence(topic: string, options?: PresenceOptions): UsePresenceResult {
  const room = presence(useClient().channel(topic), options)
  const members = useAtom(room.$members)
  return { members, count: members.size, update: room.update }
}
