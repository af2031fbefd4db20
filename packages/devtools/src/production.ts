import { DevtoolsPanel } from './devtools-panel.ts'
import type { DevtoolsClient, MountDevtoolsOptions } from './options.ts'

export { DevtoolsPanel } from './devtools-panel.ts'
export type {
  DevtoolsClient,
  DevtoolsOptions,
  DevtoolsPosition,
  MountDevtoolsOptions,
} from './options.ts'

/**
 * Mounts the devtools in one call, in any build, production included (this is the
 * `@wirestate/devtools/production` entry); returns the unmount.
 *
 * @example
 * ```ts
 * import { mountDevtools } from '@wirestate/devtools/production'
 *
 * if (new URLSearchParams(location.search).has('debug')) mountDevtools(client)
 * ```
 */
export function mountDevtools(
  client: DevtoolsClient,
  options: MountDevtoolsOptions = {},
): () => void {
  const panel = new DevtoolsPanel(client, options).mount(options.target)
  return () => panel.unmount()
}
