import type { ResolvedOptions } from '../options.ts'
import type { HubMessage } from './messages.ts'
import { settingsOf } from './settings.ts'
import type { TabConnection } from './tab-connection.ts'
import { holdTabLock, tabLock } from './tab-watch.ts'

/**
 * Attaches the tab to the SharedWorker, and keeps it attached to one. The worker holds a
 * Web Lock of its own for its life and tells each tab its name; the tab waits for it. If
 * the worker dies (it lives in some renderer process, and a crash of that process takes it
 * along), the lock is granted: the tab takes it as a dropped socket and starts a worker
 * again (the first tab to do so starts it, the others connect to it). A worker that fails
 * to start at all (its module was not emitted by the bundler) is reported, and `fallBack`
 * runs (a leader tab).
 *
 * @example
 * ```ts
 * startWorker(tab, 'wirestate:wss://example.com/socket/websocket', options, undefined, lead)
 * ```
 */
export function startWorker(
  tab: TabConnection,
  name: string,
  o: ResolvedOptions,
  create: ((name: string) => SharedWorker) | undefined,
  fallBack: () => void,
): void {
  const settings = settingsOf(o)
  let port: MessagePort | undefined
  const connect = () => {
    const worker = create
      ? create(name)
      : new SharedWorker(new URL('./worker.js', import.meta.url), { type: 'module', name })
    const mine = worker.port
    port = mine
    let heard = false
    mine.onmessage = ({ data }: MessageEvent<HubMessage>) => {
      heard = true
      if (data.type !== 'watch') return tab.receive(data)
      void navigator.locks.request(data.lock, () => {
        if (port !== mine) return
        tab.detached('the shared worker stopped')
        connect()
      })
    }
    worker.onerror = (error) => {
      if (heard) return
      o.logger.error(
        'wirestate: the shared worker did not start (see "Bundlers" in the README of ' +
          '@wirestate/core); a leader tab holds the socket instead',
        error,
      )
      port = undefined
      mine.close()
      fallBack()
    }
    tab.attach((message) => mine.postMessage(message), settings)
  }
  void holdTabLock(tabLock(name, tab.id)).then(connect)
  // Leaving (or into the back/forward cache): the worker gives up this tab's topics now;
  // back from the cache, it attaches again and its channels rejoin.
  globalThis.addEventListener?.('pagehide', () => {
    port?.postMessage({ type: 'detach' })
    tab.detached('page hidden')
  })
  globalThis.addEventListener?.('pageshow', (event) => {
    const back = port
    if ((event as PageTransitionEvent).persisted && back) {
      tab.attach((message) => back.postMessage(message), settings)
    }
  })
}
