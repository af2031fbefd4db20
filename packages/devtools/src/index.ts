import { DevtoolsPanel as AlwaysRenderingPanel } from './devtools-panel.ts'
import { installEarlyBuffer } from './early-buffer.ts'
import { isProduction } from './environment.ts'
import type { DevtoolsClient, MountDevtoolsOptions } from './options.ts'

export type {
  DevtoolsClient,
  DevtoolsOptions,
  DevtoolsPosition,
  MountDevtoolsOptions,
} from './options.ts'

// From the moment this module is imported, every new client keeps its recent inspect
// entries (redacted), so a panel mounted later shows what came before it. Not in
// production: nothing is recorded there.
if (!isProduction()) installEarlyBuffer()

/**
 * The devtools panel for development builds: a framework-free class that framework
 * wrappers mount into an element. In a production build `mount()` renders nothing (and
 * bundlers that honour the `production` export condition get a no-op module instead);
 * import from `@wirestate/devtools/production` to render there too.
 *
 * @example
 * ```ts
 * import { DevtoolsPanel } from '@wirestate/devtools'
 *
 * const panel = new DevtoolsPanel(client, { position: 'bottom-left' }).mount(document.body)
 * await panel.open()
 * panel.unmount()
 * ```
 */
export class DevtoolsPanel extends AlwaysRenderingPanel {
  override mount(target?: Element): this {
    return isProduction() ? this : super.mount(target)
  }
}

/**
 * Mounts the devtools in one call: a floating toggle (or an inline panel) in a shadow
 * root; returns the unmount. Renders nothing in production builds.
 *
 * @example
 * ```ts
 * import { createClient } from '@wirestate/core'
 * import { mountDevtools } from '@wirestate/devtools'
 *
 * const client = createClient({ url: 'wss://example.com/socket/websocket' })
 * const unmount = mountDevtools(client, { initialOpen: true })
 * ```
 */
export function mountDevtools(
  client: DevtoolsClient,
  options: MountDevtoolsOptions = {},
): () => void {
  const panel = new DevtoolsPanel(client, options).mount(options.target)
  return () => panel.unmount()
}
