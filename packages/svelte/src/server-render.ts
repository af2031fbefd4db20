/**
 * Whether this runs on a server (no `window`): there, a store that Svelte subscribes to
 * while rendering must not be a wirestate store, as subscribing to one joins its channel
 * and opens the socket.
 */
const onServer = typeof window === 'undefined'

const noop = () => {}

/**
 * On the server, a stand-in for `store` holding its value as it is and never mounting it
 * (enough for `$store`, `get()`, `value`, `subscribe` and `listen`); in the browser, the
 * store itself.
 *
 * @example
 * ```ts
 * const $status = serverSafeStore(client.$status)
 * ```
 */
export function serverSafeStore<S extends { readonly value: unknown }>(store: S): S {
  if (!onServer) return store
  const { value } = store
  const frozen = {
    value,
    get: () => value,
    listen: () => noop,
    subscribe(run: (value: unknown) => void) {
      run(value)
      return noop
    },
  }
  return frozen as unknown as S
}

/**
 * On the server, `api` (a channel or a feature) with each `$`-prefixed store read through
 * {@link serverSafeStore}; in the browser, `api` itself.
 *
 * @example
 * ```ts
 * const room = serverSafe(presence(client.channel('room:42')))
 * ```
 */
export function serverSafe<T extends object>(api: T): T {
  if (!onServer) return api
  return new Proxy(api, {
    get(target, key) {
      // `target` as the receiver: a channel's getters and methods use private fields.
      const value: unknown = Reflect.get(target, key, target)
      if (typeof value === 'function') return value.bind(target)
      const store = typeof key === 'string' && key.startsWith('$')
      return store ? serverSafeStore(value as { value: unknown }) : value
    },
  })
}
