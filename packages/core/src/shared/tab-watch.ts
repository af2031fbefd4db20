// How the hub learns that a tab is gone when the tab could not say so (it crashed, or was
// killed): a Web Lock the tab holds for its whole life, which the browser releases when
// the page goes; where there are no Web Locks (an insecure context), pings.
import type { HubMessage } from './messages.ts'

/** Without Web Locks: a tab that has not answered the last ping by the next is gone. */
export const PING_MS = 5_000

/** The name of the lock a tab holds for its life. */
export function tabLock(name: string, tab: string): string {
  return `${name}:tab:${tab}`
}

/**
 * Takes the lock and holds it until the page goes away; resolves once it is held (at once
 * without Web Locks).
 *
 * @example
 * ```ts
 * await holdTabLock(tabLock(name, tab.id)) // then attach
 * ```
 */
export function holdTabLock(lock: string): Promise<void> {
  const locks = globalThis.navigator?.locks
  if (!locks) return Promise.resolve()
  return new Promise((held) => {
    void locks.request(lock, () => {
      held()
      return new Promise<never>(() => {})
    })
  })
}

/**
 * Calls `gone` once the tab is gone: when its lock is released or, without Web Locks, when
 * it misses a ping (then within 2 × `PING_MS`). Returns what to call on each message from
 * the tab (it answered) and `stop`.
 *
 * @example
 * ```ts
 * const watch = watchTab(tabLock(name, id), post, () => hub.release(id))
 * port.onmessage = ({ data }) => { watch.heard(); receive(data) }
 * ```
 */
export function watchTab(
  lock: string,
  post: (message: HubMessage) => void,
  gone: () => void,
): { heard(): void; stop(): void } {
  let over = false
  const end = () => {
    if (over) return
    over = true
    clearInterval(timer)
    gone()
  }
  const locks = globalThis.navigator?.locks
  let answered = true
  const timer = locks
    ? undefined
    : setInterval(() => {
        if (!answered) return end()
        answered = false
        post({ type: 'ping' })
      }, PING_MS)
  void locks?.request(lock, () => end())
  return {
    heard: () => {
      answered = true
    },
    stop: () => {
      over = true
      clearInterval(timer)
    },
  }
}
