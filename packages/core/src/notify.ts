import { batch } from 'nanostores'

/**
 * Runs a flush later. The default waits 16 ms (one frame at 60 Hz) with `setTimeout`.
 *
 * Why not a microtask: every WebSocket message is its own task, and microtasks run at the
 * end of each task, so a microtask flush would notify once per frame. A 16 ms window
 * gathers all frames that land in it, however many tasks they come in, and stays below
 * what a user can see. Why not `requestAnimationFrame`: it never fires in hidden tabs,
 * workers or Node, so state would freeze there.
 *
 * @example
 * ```ts
 * notifyManager.setScheduler((flush) => queueMicrotask(flush))
 * ```
 */
export type NotifyScheduler = (flush: () => void) => void

let queue: Array<() => void> = []
let scheduler: NotifyScheduler = (flush) => setTimeout(flush, 16)

function flush(): void {
  const callbacks = queue
  queue = []
  // One batch: a store set many times in it notifies each subscriber once. When a store
  // subscriber throws, nanostores still notifies the others, then rethrows at the end of
  // the batch; that must not escape into the timer (in Node it would end the process).
  try {
    batch(() => {
      for (const callback of callbacks) {
        try {
          callback()
        } catch (error) {
          console.error('wirestate: a notify callback threw', error)
        }
      }
    })
  } catch (error) {
    console.error('wirestate: a store subscriber threw', error)
  }
}

/**
 * The one place where wirestate updates stores (after TanStack Query's `notifyManager`).
 * The client folds every connection event into atoms inside `schedule`d callbacks; a
 * flush runs them all in one nanostores `batch`, so a burst of frames notifies each
 * subscriber once per flush, not once per frame.
 *
 * - `schedule(cb)`: run `cb` in the next flush
 * - `flush()`: run what is scheduled now (tests, or to read stores right away)
 * - `batch(fn)`: run `fn` so that store changes in it notify each subscriber once
 * - `setScheduler(fn)`: swap how a flush is scheduled (tests: `(f) => f()` for synchronous)
 *
 * @example
 * ```ts
 * notifyManager.schedule(() => $messages.set([...$messages.get(), message]))
 * notifyManager.flush()
 * ```
 */
export const notifyManager: {
  schedule(callback: () => void): void
  flush(): void
  batch(fn: () => void): void
  setScheduler(next: NotifyScheduler): void
} = {
  schedule(callback) {
    // Callbacks scheduled during a flush wait for the next one, so a flush always ends.
    if (queue.push(callback) === 1) scheduler(flush)
  },
  flush,
  batch,
  setScheduler(next) {
    scheduler = next
  },
}
