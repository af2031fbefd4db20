import { onStart, onStop, type ReadableAtom } from 'nanostores'
import type { Timers } from './options.ts'

/**
 * Options of {@link holdWhileListened}.
 *
 * @example
 * ```ts
 * const options: HoldOptions = { timers: client.options.timers, delayMs: () => 1_000 }
 * ```
 */
export interface HoldOptions {
  /** The clock the grace period runs on (fake timers in tests). */
  timers: Timers
  /** ms between the last listener leaving and the release; read each time; 0: at once. */
  delayMs(): number
}

/**
 * Ties something a store stands for (a channel's join) to the store's real listeners,
 * with nanostores' `onStart` / `onStop`:
 *
 * - `hold()` runs in a microtask after the first listener came, and only if the store
 *   still has one then. A read is no listener: nanostores' `get()` on a store nobody
 *   listens to subscribes and unsubscribes at once, so a `get()`, a server render's
 *   `get()` or a `useStore` render starts nothing.
 * - The release `hold()` returned runs `delayMs` after the last listener left, on the
 *   injected timers, unless one came back meanwhile: React StrictMode's double mount, a
 *   Vue remount or a quick route change keep one hold.
 *
 * Unlike nanostores' `onMount`, nothing here runs on the global `setTimeout`.
 *
 * @example
 * ```ts
 * holdWhileListened(channel.$state, () => channelInternals(channel).hold(), {
 *   timers,
 *   delayMs: () => 1_000,
 * })
 * ```
 */
export function holdWhileListened(
  store: ReadableAtom<unknown>,
  hold: () => () => void,
  options: HoldOptions,
): void {
  const { timers } = options
  let release: (() => void) | undefined
  let grace: unknown
  let checking = false
  const check = () => {
    checking = false
    if (store.lc && !release) release = hold()
  }
  const letGo = () => {
    grace = undefined
    if (store.lc || !release) return
    const done = release
    release = undefined
    done()
  }
  onStart(store, () => {
    if (grace !== undefined) {
      // Back within the grace period: the hold goes on.
      timers.clearTimeout(grace)
      grace = undefined
    } else if (!release && !checking) {
      checking = true
      queueMicrotask(check)
    }
  })
  onStop(store, () => {
    if (!release) return
    const ms = options.delayMs()
    if (ms > 0) grace = timers.setTimeout(letGo, ms)
    else letGo()
  })
}
