import type { ChannelHooks, ChannelHost, ChannelOptions } from './channel-types.ts'
import type { Logger } from './options.ts'

/**
 * What `channelInternals(channel)` gives the features of this package: the channel's host,
 * its hooks, and `hold()`, which takes a reference as `join()` does, without a promise, and
 * returns the release.
 *
 * @example
 * ```ts
 * const { host, hooks, hold }: ChannelInternals = channelInternals(channel)
 * ```
 */
export interface ChannelInternals {
  host: ChannelHost
  hooks: FeatureHooks
  hold(): () => void
}

/**
 * The hooks the features of one channel added (`ChannelHooks`), run in the order added.
 * A set, so a feature adds its hooks with `add()`.
 *
 * @example
 * ```ts
 * const hooks = new FeatureHooks()
 * hooks.add({ params: () => ({ since: lastId }) })
 * hooks.joinPayload({ nick: 'ann' }) // { nick: 'ann', since: lastId }
 * ```
 */
export class FeatureHooks extends Set<ChannelHooks> {
  /** A join is being sent: the channel's params (evaluated now) plus each feature's. */
  joinPayload(params: ChannelOptions['params']): Record<string, unknown> {
    // A copy: hooks add their fields, and the params object may be the caller's own.
    const payload = { ...(typeof params === 'function' ? params() : params) }
    for (const h of this) {
      h.joining?.()
      Object.assign(payload, h.params?.())
    }
    return payload
  }

  joined(response: unknown): void {
    for (const h of this) h.joined?.(response)
  }

  /** Whether every feature lets the message through to `on()` listeners. */
  pass(event: string, payload: unknown, logger: Logger): boolean {
    // Most channels have no feature: no iterator per message for them.
    if (!this.size) return true
    for (const h of this) {
      // A feature that throws must not take the message from the others, or the flush.
      try {
        if (h.message?.(event, payload) === false) return false
      } catch (error) {
        logger.error('wirestate: a listener threw', error)
      }
    }
    return true
  }

  stopped(): void {
    for (const h of this) h.stopped?.()
  }
}
