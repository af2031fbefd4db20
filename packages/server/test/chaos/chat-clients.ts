import { type Client, createClient } from '@wirestate/core'
import type { ChatChannelEvents } from '@wirestate/core/protocol'
import { type StreamGap, stream } from '@wirestate/core/stream'
import { expect } from 'vitest'
import { eventually } from '../eventually.ts'
import { type DeliveryTally, tally } from './tally.ts'

/**
 * A chat publisher as an app would write one: pushes `new_msg` with a
 * `client_id`, and sends a push that failed (timeout, socket gone) again with the
 * same `client_id` until the server confirms it with an id.
 *
 * @example
 * ```ts
 * const publisher = publish(urlOfNodeA, 'room:chaos', { count: 2000, perSecond: 100 })
 * await publisher.done
 * publisher.confirmed // ids, in the order they were confirmed
 * ```
 */
export interface Publisher {
  readonly confirmed: string[]
  /** Pushes sent and not settled yet. */
  readonly pending: () => number
  /** Attempts that failed and were sent again. */
  readonly retries: () => number
  readonly done: Promise<void>
  readonly client: Client
}

/**
 * Starts publishing `count` messages at `perSecond` on `topic`.
 *
 * @example
 * ```ts
 * const publisher = publish(() => url, 'room:chaos', { count: 200, perSecond: 100 })
 * ```
 */
export function publish(
  url: string | (() => string),
  topic: string,
  { count, perSecond }: { count: number; perSecond: number },
): Publisher {
  const client = createClient({
    // Node has no window: a client there opens a socket only when given one.
    WebSocket: globalThis.WebSocket,
    url: typeof url === 'string' ? url : () => url(),
    params: { user: 'publisher' },
    reconnect: { minDelayMs: 50, maxDelayMs: 500 },
    rateLimit: { capacity: 1000, perSecond: 1000 },
    bufferSize: 10_000,
    pushTimeoutMs: 5000,
    heartbeatIntervalMs: 1000,
    heartbeatTimeoutMs: 2000,
  })
  const channel = client.channel<ChatChannelEvents>(topic)
  channel.join()
  const confirmed: string[] = []
  let pending = 0
  let retries = 0
  const send = async (n: number): Promise<void> => {
    pending++
    for (;;) {
      try {
        const reply = await channel.push('new_msg', {
          body: `m${n}`,
          client_id: `chaos-${n}`,
        })
        confirmed.push(reply.id)
        break
      } catch {
        retries++
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    pending--
  }
  const done = (async () => {
    const sends: Promise<void>[] = []
    const start = performance.now()
    for (let n = 0; n < count; n++) {
      const wait = start + (n * 1000) / perSecond - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      sends.push(send(n))
    }
    await Promise.all(sends)
  })()
  return { confirmed, pending: () => pending, retries: () => retries, done, client }
}

/**
 * A stream subscriber: the ids of `new_msg` as its listeners saw them, in order,
 * and the gaps it was told of. A short heartbeat finds a silent link within 2 s.
 *
 * @example
 * ```ts
 * const subscriber = subscribe(() => currentNodeUrl, 'room:chaos')
 * await eventually(() => expect(subscriber.ids).toHaveLength(2000))
 * ```
 */
export function subscribe(
  url: string | (() => string),
  topic: string,
  user = 'subscriber',
): { ids: string[]; gaps: StreamGap[]; client: Client; joined: () => boolean } {
  const client = createClient({
    // Node has no window: a client there opens a socket only when given one.
    WebSocket: globalThis.WebSocket,
    url: typeof url === 'string' ? url : () => url(),
    params: { user },
    reconnect: { minDelayMs: 50, maxDelayMs: 500 },
    heartbeatIntervalMs: 500,
    heartbeatTimeoutMs: 1000,
  })
  const channel = client.channel<ChatChannelEvents>(topic)
  const delivery = stream(channel)
  const ids: string[] = []
  const gaps: StreamGap[] = []
  delivery.onGap((gap) => gaps.push(gap))
  channel.on('new_msg', (message) => ids.push(message.id))
  channel.join()
  return { ids, gaps, client, joined: () => channel.$state.get().status === 'joined' }
}

/**
 * A subscriber as {@link subscribe} returns it.
 *
 * @example
 * ```ts
 * const subscriber: Subscriber = subscribe(url, 'room:chaos')
 * ```
 */
export type Subscriber = ReturnType<typeof subscribe>

/**
 * A scenario's closing counters: waits (up to 20 s) until the subscriber holds
 * every confirmed message, then counts what it got against them, the gaps it was
 * told of and the publisher's pushes never settled or sent again.
 *
 * @example
 * ```ts
 * expect(await settleDelivery(publisher, subscriber)).toMatchObject(nothingLost(2000))
 * ```
 */
export async function settleDelivery(
  publisher: Publisher,
  subscriber: Subscriber,
): Promise<DeliveryTally & { gaps: number; pendingPushes: number; retriedPushes: number }> {
  await eventually(
    () => expect(tally(publisher.confirmed, subscriber.ids).lost).toBe(0),
    20_000,
  ).catch(() => {})
  return {
    ...tally(publisher.confirmed, subscriber.ids),
    gaps: subscriber.gaps.length,
    pendingPushes: publisher.pending(),
    retriedPushes: publisher.retries(),
  }
}

/**
 * What {@link settleDelivery} must say when nothing was lost: every one of
 * `confirmed` messages received once, in order, no gap, no push left hanging.
 *
 * @example
 * ```ts
 * expect(counters).toMatchObject(nothingLost(2000))
 * ```
 */
export function nothingLost(
  confirmed: number,
): Partial<Awaited<ReturnType<typeof settleDelivery>>> {
  return { confirmed, lost: 0, duplicated: 0, outOfOrder: 0, gaps: 0, pendingPushes: 0 }
}
