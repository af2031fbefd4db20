import { mountDevtools } from '@wirestate/devtools/production'
import { defineDevtools } from './define-devtools.ts'

/**
 * The wirestate devtools component for every build, production included (the
 * `@wirestate/vue/devtools` one renders nothing there). Import it behind your own switch,
 * ideally lazily, so the panel ships only to those who ask for it.
 *
 * @example
 * ```ts
 * const WirestateDevtools = defineAsyncComponent(() =>
 *   import('@wirestate/vue/devtools/production').then((m) => m.WirestateDevtools),
 * )
 * ```
 */
export const WirestateDevtools: ReturnType<typeof defineDevtools> = defineDevtools(mountDevtools)
