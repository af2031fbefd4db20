import type { DevtoolsClient, DevtoolsOptions, MountDevtoolsOptions } from '@wirestate/devtools'
import type { ActionReturn } from 'svelte/action'

/**
 * What the `devtools` action takes: the client, or the client with the panel's options.
 *
 * @example
 * ```ts
 * const parameter: DevtoolsParameter = { client, position: 'bottom-left', initialOpen: true }
 * ```
 */
export type DevtoolsParameter = DevtoolsClient | ({ client: DevtoolsClient } & DevtoolsOptions)

/**
 * A Svelte action that mounts the devtools panel in its element and removes it with the
 * element (the parameter is read once).
 *
 * @example
 * ```svelte
 * <div use:devtools={client}></div>
 * ```
 */
export type DevtoolsAction = (node: HTMLElement, parameter: DevtoolsParameter) => ActionReturn

type MountDevtools = (client: DevtoolsClient, options?: MountDevtoolsOptions) => () => void

/**
 * Makes the `devtools` action around one of the devtools' `mountDevtools` (the
 * development one, which renders nothing in production builds, or the one that always
 * renders). Actions run in the browser only, so a server render has no panel.
 *
 * @example
 * ```ts
 * export const devtools: DevtoolsAction = createDevtoolsAction(mountDevtools)
 * ```
 */
export function createDevtoolsAction(mountDevtools: MountDevtools): DevtoolsAction {
  return (node, parameter) => {
    const { client, ...options } = 'inspect' in parameter ? { client: parameter } : parameter
    return { destroy: mountDevtools(client, { ...options, target: node }) }
  }
}
