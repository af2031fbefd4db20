import type { DevtoolsClient, DevtoolsOptions, MountDevtoolsOptions } from './options.ts'

// What bundlers resolve `@wirestate/devtools` to under the `production` export condition
// (Vite and webpack set it for production builds): the same API, rendering nothing and
// importing nothing, so no devtools code or chunk ends up in the app.

/**
 * The production stand-in of the devtools panel: every method does nothing.
 *
 * @example
 * ```ts
 * new DevtoolsPanel(client).mount(document.body) // renders nothing in production
 * ```
 */
export class DevtoolsPanel {
  // biome-ignore lint/complexity/noUselessConstructor: the real panel's signature, for callers
  constructor(_client: DevtoolsClient, _options?: DevtoolsOptions) {}
  get isOpen(): boolean {
    return false
  }
  mount(_target?: Element): this {
    return this
  }
  open(): Promise<void> {
    return Promise.resolve()
  }
  close(): void {}
  toggle(): Promise<void> {
    return Promise.resolve()
  }
  unmount(): void {}
}

/**
 * The production stand-in of `mountDevtools`: mounts nothing, returns a no-op.
 *
 * @example
 * ```ts
 * const unmount = mountDevtools(client) // production: nothing happens
 * unmount()
 * ```
 */
export function mountDevtools(
  _client: DevtoolsClient,
  _options?: MountDevtoolsOptions,
): () => void {
  return () => {}
}
