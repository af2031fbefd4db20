import { useStore } from '@nanostores/react'
import {
  type Members,
  type MetaFields,
  type Presence,
  type PresenceOptions,
  presence,
} from '@wirestate/core/presence'
import { useClient } from './provider.tsx'

/**
 * What {@link usePresence} returns; `Meta` types each connection's meta fields.
 *
 * @example
 * ```ts
 * const { members, count, update }: UsePresenceResult<{ status: string }> = usePresence('room:42')
 * ```
 */
export interface UsePresenceResult<Meta extends MetaFields = Record<string, unknown>> {
  /** Members by key, each with one meta per connection; a new object on every change. */
  members: Members<Meta>
  /** How many members (keys) are present. */
  count: number
  /** Sets our own meta (pushed now and sent with every later join). */
  update: Presence<Meta>['update']
}

/**
 * Who is on a channel, following joins and leaves; `Meta` types the meta fields (ours in
 * `options.meta` and `update()`, and every member's). Joins the channel while mounted
 * (after commit); rendering, on the server too, joins nothing and shows an empty room.
 * `options` (our own meta, the leave delay) count the first time presence is set up for
 * the topic.
 *
 * @example
 * ```tsx
 * interface RoomMeta { status: 'here' | 'away' }
 *
 * function WhoIsHere({ room }: { room: string }) {
 *   const { members, count } = usePresence<RoomMeta>(room, { meta: { status: 'here' } })
 *   return (
 *     <ul aria-label={`${count} online`}>
 *       {[...members.values()].map((m) => <li key={m.id}>{m.id}: {m.metas[0]?.status}</li>)}
 *     </ul>
 *   )
 * }
 * ```
 */
export function usePresence<Meta extends MetaFields = Record<string, unknown>>(
  topic: string,
  options?: PresenceOptions<Meta>,
): UsePresenceResult<Meta> {
  const room = presence<Meta>(useClient().channel(topic), options)
  const members = useStore(room.$members, { ssr: 'initial' })
  return { members, count: members.size, update: room.update }
}
