import type { Broker } from '../broker/broker.ts'
import type { RouteTable } from '../channel/router.ts'
import { isPlainObject } from '../stream/stream-payload.ts'

/**
 * Sends an event to every member of a topic on every node: appended to the stream
 * (resolving to its id) when the topic's route is a stream and the event is not
 * one of its `ephemeral` ones, published otherwise (resolving to `null`). `from` is a connection id to skip, or `null`.
 *
 * @example
 * ```ts
 * const id = await broadcastTo(broker, router, 'room:1', 'new_msg', { body: 'hi' }, null)
 * ```
 */
export async function broadcastTo<User>(
  broker: Broker,
  router: RouteTable<User>,
  topic: string,
  event: string,
  payload: unknown,
  from: string | null,
): Promise<string | null> {
  if (payload instanceof ArrayBuffer || ArrayBuffer.isView(payload)) {
    throw new TypeError(
      'broadcast payloads must be JSON (brokers carry JSON); push binary to one member',
    )
  }
  const stream = router.match(topic)?.route.stream
  if (!stream || stream.ephemeral?.includes(event)) {
    await broker.publish(topic, { event, payload, from })
    return null
  }
  if (!isPlainObject(payload)) {
    throw new TypeError(`stream topic "${topic}" needs object payloads: the server adds their "id"`)
  }
  const { ephemeral: _, ...retention } = stream
  const entry = await broker.append(topic, { event, payload, from }, retention)
  return entry.id
}
