import { mountDevtools } from '@wirestate/devtools/production'
import { createDevtoolsAction, type DevtoolsAction } from './create-devtools-action.ts'

export type { DevtoolsAction, DevtoolsParameter } from './create-devtools-action.ts'

/**
 * The wirestate devtools action for every build, production included (the
 * `@wirestate/svelte/devtools` one renders nothing there). For a debug switch in a
 * deployed app; the panel's UI still loads only when first opened.
 *
 * @example
 * ```svelte
 * <script lang="ts">
 *   import { devtools } from '@wirestate/svelte/devtools/production'
 *   let { client } = $props()
 *   const debug = new URLSearchParams(location.search).has('debug')
 * </script>
 * {#if debug}<div use:devtools={client}></div>{/if}
 * ```
 */
export const devtools: DevtoolsAction = createDevtoolsAction(mountDevtools)
