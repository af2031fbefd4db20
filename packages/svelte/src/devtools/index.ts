import { mountDevtools } from '@wirestate/devtools'
import { createDevtoolsAction, type DevtoolsAction } from './create-devtools-action.ts'

export type { DevtoolsAction, DevtoolsParameter } from './create-devtools-action.ts'

/**
 * The wirestate devtools panel (timeline of commands and events, frames, channels,
 * presence, connection history) as a Svelte action: it mounts in its element, in a
 * shadow root, and goes with it. Renders nothing in production builds (the devtools'
 * own check, and bundlers with the `production` condition, as Vite, leave its code out);
 * use `@wirestate/svelte/devtools/production` to ship it.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { getClient } from '@wirestate/svelte'
 *   import { devtools } from '@wirestate/svelte/devtools'
 *   const client = getClient()
 * </script>
 * <div use:devtools={{ client, position: 'bottom-left' }}></div>
 * ```
 */
export const devtools: DevtoolsAction = createDevtoolsAction(mountDevtools)
