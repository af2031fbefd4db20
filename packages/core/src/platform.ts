// What the platform gives when `createClient` is not told otherwise: kept apart from the
// options so that `options.ts` reads as the list of options and their defaults.

/**
 * The global WebSocket in a page or a worker; none in a server render or Node (no
 * `window`), so a client there opens no socket unless given one.
 *
 * @example
 * ```ts
 * platformWebSocket() // undefined in Node
 * ```
 */
export function platformWebSocket(): (new (url: string) => WebSocket) | undefined {
  const g = globalThis as { window?: unknown; WorkerGlobalScope?: unknown }
  return g.window || g.WorkerGlobalScope ? globalThis.WebSocket : undefined
}

function listen(target: EventTarget | undefined, type: string, callback: () => void) {
  target?.addEventListener(type, callback)
  return () => target?.removeEventListener(type, callback)
}

/**
 * The browser came back online (`window`'s `online` event); returns an unsubscribe.
 *
 * @example
 * ```ts
 * const off = onlineSignal(() => console.log('online'))
 * ```
 */
export function onlineSignal(callback: () => void): () => void {
  return listen(globalThis.window, 'online', callback)
}

/**
 * The page became visible (`document`'s `visibilitychange`); returns an unsubscribe.
 *
 * @example
 * ```ts
 * const off = visibleSignal(() => console.log('visible'))
 * ```
 */
export function visibleSignal(callback: () => void): () => void {
  return listen(globalThis.document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible') callback()
  })
}
