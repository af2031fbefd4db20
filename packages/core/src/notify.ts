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
 * const notify = createNotifyManager({ scheduler: (flush) => queueMicrotask(flush) })
 * ```
 */
export type NotifyScheduler = (flush: () => void) => void

/**
 * The one place where wirestate updates stores (after TanStack Query's `notifyManager`).
 * The client folds every connection event into atoms inside `schedule`d callbacks; a
 * flush runs them all in one nanostores `batch`, so a burst of frames notifies each
 * subscriber once per flush, not once per frame.
 *
 * @example
 * ```ts
 * notify.schedule(() => $messages.set([...$messages.get(), message]))
 * notify.flush()
 * ```
 */
export interface NotifyManager {
  /** Runs `callback` in the next flush (callbacks scheduled during a flush wait for the next). */
  schedule(callback: () => void): void
  /** Runs what is scheduled now (tests, or to read stores right away). */
  flush(): void
  /** Runs `fn` so that store changes in it notify each subscriber once. */
  batch(fn: () => void): void
  /** Swaps how a flush is scheduled (tests: `(flush) => queueMicrotask(flush)`). */
  setScheduler(next: NotifyScheduler): void
}

/**
 * Creates a notify manager. Each has its own queue and scheduler, so a test that gives its
 * client one of its own (`createClient({ notify })`) changes nothing for other tests.
 *
 * @example
 * ```ts
 * const notify = createNotifyManager({ scheduler: (flush) => queueMicrotask(flush) })
 * const client = createClient({ url, notify })
 * ```
 */
export function createNotifyManager(
  options: {
    scheduler?: NotifyScheduler
    onError?: (message: string, error: unknown) => void
  } = {},
): NotifyManager {
  let queue: Array<() => void> = []
  let scheduler: NotifyScheduler = options.scheduler ?? ((flush) => setTimeout(flush, 16))
  const report = options.onError ?? ((message, error) => console.error(message, error))

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
            report('wirestate: a notify callback threw', error)
          }
        }
      })
    } catch (error) {
      report('wirestate: a store subscriber threw', error)
    }
  }

  return {
    schedule(callback) {
      if (queue.push(callback) === 1) scheduler(flush)
    },
    flush,
    batch,
    setScheduler(next) {
      scheduler = next
    },
  }
}

/**
 * The default notify manager: clients use it unless given their own (`notify` option),
 * so every client of a page flushes in the same batch.
 *
 * - `schedule(cb)`: run `cb` in the next flush
 * - `flush()`: run what is scheduled now
 * - `batch(fn)`: run `fn` so that store changes in it notify each subscriber once
 * - `setScheduler(fn)`: swap how a flush is scheduled
 *
 * @example
 * ```ts
 * notifyManager.batch(() => {
 *   $draft.set('')
 *   $sending.set(true)
 * })
 * ```
 */
export const notifyManager: NotifyManager = createNotifyManager()
