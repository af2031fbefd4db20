import type { ReadableAtom } from 'nanostores'
import { type Channel, channelInternals } from '../channel.ts'
import type { ChannelHooks } from '../channel-types.ts'
import { type Client, clientOf } from '../client.ts'
import { type Backoff, createBackoff } from '../connection/backoff.ts'
import type { EventInit } from '../events.ts'
import { holdWhileListened } from '../lifecycle.ts'
import { createListeners } from '../listeners.ts'
import type { NotifyManager } from '../notify.ts'
import type { Logger, Timers } from '../options.ts'
import { warnIfOptionsDiffer } from '../options-kept.ts'

// biome-ignore lint/suspicious/noExplicitAny: a feature sits on a channel of any event map
type AnyChannel = Channel<any>

/**
 * What a feature's setup gets: its channel, the client, and the hooks a feature needs.
 * Everything registered here lives as long as the feature instance, which is the
 * channel's for good (the client keeps one channel per topic).
 *
 * @example
 * ```ts
 * const typing = defineFeature((ctx: FeatureContext) => {
 *   const $typing = ctx.bind(atom<string[]>([]))
 *   ctx.on<{ user: string }>('typing', ({ user }) => $typing.set([...($typing.value ?? []), user]))
 *   ctx.onCleanup(() => $typing.set([]))
 *   return { $typing }
 * })
 * ```
 */
export interface FeatureContext {
  /** The channel, untyped: a feature reads its own events (typed by `on<T>`). */
  readonly channel: Channel
  readonly client: Client
  /** The client's clock (fake timers in tests). */
  readonly timers: Timers
  readonly logger: Logger
  /** The client's notify manager: schedule store updates on it to batch them with the flush. */
  readonly notify: NotifyManager
  /** Listens to a server event on the channel (`channel.on`). */
  on<T = unknown>(event: string, callback: (payload: T) => void): () => void
  /** Hooks into the channel: join params, the join reply, messages before `on()`, the stop. */
  hook(hooks: ChannelHooks): void
  /**
   * Ties a store to the channel, as `channel.$state` is: its first subscriber joins, its
   * last one leaves (after the client's `leaveDelayMs`); a read (`get()`) joins nothing.
   * Returns the store.
   */
  bind<S extends ReadableAtom<unknown>>(store: S): S
  /**
   * Runs every time the channel stops (our leave completed, the server closed it, or it
   * was refused for good): reset per-join state and stop timers here. The instance stays
   * and comes back to life with the next join.
   */
  onCleanup(cleanup: () => void): void
  /** Counts a message folded into a store update; reported once per flush (`MessagesCoalesced`). */
  coalesced(event: string): void
  /** Counts a message dropped (a duplicate); reported once per flush (`MessagesDropped`). */
  dropped(event: string): void
  /** Adds an event to the client's inspect stream (`client.inspect`). */
  report(event: EventInit): void
  /** A new backoff with the client's `reconnect` settings, for the feature's own retries. */
  backoff(): Backoff
}

/**
 * A feature: call it with a channel to get that channel's instance (the same object every
 * time; the options of the first call win, and in development builds a later call with
 * other options warns once).
 *
 * @example
 * ```ts
 * const r: Feature<Reactions, ReactionsOptions> = reactions
 * r(room) === r(room) // true
 * ```
 */
export type Feature<API, Options = undefined> = (channel: AnyChannel, options?: Options) => API

/**
 * Defines a feature module: `setup` gets a {@link FeatureContext} and the options, and
 * returns the feature's atoms and verbs. Setup runs once per channel; cleanups registered
 * with `ctx.onCleanup` run every time the channel stops. `name` is what a warning about
 * options calls the feature (`reactions('room:42')`).
 *
 * @example
 * ```ts
 * import { defineFeature } from '@wirestate/core'
 * import { map } from 'nanostores'
 *
 * export const reactions = defineFeature((ctx) => {
 *   const $counts = ctx.bind(map<Record<string, number>>({}))
 *   ctx.on<{ emoji: string }>('reaction', ({ emoji }) => {
 *     $counts.setKey(emoji, ($counts.value?.[emoji] ?? 0) + 1)
 *   })
 *   ctx.onCleanup(() => $counts.set({}))
 *   return { $counts, react: (emoji: string) => ctx.channel.push('reaction', { emoji }) }
 * }, 'reactions')
 *
 * const { $counts, react } = reactions(client.channel('room:42'))
 * ```
 */
export function defineFeature<API, Options = undefined>(
  setup: (ctx: FeatureContext, options: Options | undefined) => API,
  name = 'a feature',
): Feature<API, Options> {
  // Weak: a channel is never dropped by its client, but a dropped client should free it all.
  const instances = new WeakMap<AnyChannel, { api: API; options: object }>()
  return (channel, options) => {
    const known = instances.get(channel)
    if (known) {
      if (options) {
        const { logger } = channelInternals(channel).host.options
        warnIfOptionsDiffer(`${name}('${channel.topic}')`, known.options, options, logger)
      }
      return known.api
    }
    const api = setup(createContext(channel), options)
    instances.set(channel, { api, options: options ?? {} })
    return api
  }
}

function createContext(channel: AnyChannel): FeatureContext {
  const { host, hooks } = channelInternals(channel)
  const { timers, logger } = host.options
  // A listener set: a cleanup that throws is logged and the others still run.
  const cleanups = createListeners<void>(logger)
  hooks.add({ stopped: () => cleanups.emit() })
  const counted = createFlushCounter(host.report, channel.topic)
  return {
    channel: channel as Channel,
    client: clientOf(channel),
    timers,
    logger,
    notify: host.notify,
    on: channel.on.bind(channel),
    hook: (h) => void hooks.add(h),
    bind(store) {
      const { hold } = channelInternals(channel)
      holdWhileListened(store, hold, { timers, delayMs: () => host.options.leaveDelayMs })
      return store
    },
    onCleanup: cleanups.add,
    coalesced: (event) => counted('MessagesCoalesced', event),
    dropped: (event) => counted('MessagesDropped', event),
    report: host.report,
    backoff: () => createBackoff(host.options.reconnect),
  }
}

type Counted = 'MessagesCoalesced' | 'MessagesDropped'
type CountedEvent = Extract<EventInit, { type: Counted }>

/**
 * Counts messages per event during one notify flush and reports the totals once, right
 * after it: the flush runs in one task, so a microtask queued in it runs when it ends.
 * A single message folded into a store was not coalesced with anything: not reported.
 */
function createFlushCounter(
  report: (event: EventInit) => void,
  topic: string,
): (type: Counted, event: string) => void {
  let counts: Map<string, CountedEvent> | undefined
  const flushed = () => {
    for (const e of (counts as Map<string, CountedEvent>).values()) {
      if (e.count > 1 || 'reason' in e) report(e)
    }
    counts = undefined
  }
  return (type, event) => {
    if (!counts) {
      counts = new Map()
      queueMicrotask(flushed)
    }
    // The two type names differ early, so type + event never collide.
    const key = type + event
    let e = counts.get(key)
    if (!e) {
      e =
        type === 'MessagesDropped'
          ? { type, topic, event, count: 0, reason: 'duplicate' }
          : { type, topic, event, count: 0 }
      counts.set(key, e)
    }
    e.count++
  }
}
