import { mountDevtools } from '@wirestate/devtools'
import { defineDevtools } from './define-devtools.ts'

// Bundlers replace `process.env.NODE_ENV` with a constant. Declared for this module only,
// so an app that type-checks these sources needs no @types/node.
declare const process: { env: { NODE_ENV?: string } }

/**
 * The wirestate devtools panel as a Vue component: a floating toggle that opens the
 * timeline of the client's commands, events and frames. Renders nothing in production
 * builds; import it from `@wirestate/vue/devtools/production` to have it there too.
 *
 * Props: `client` (default: the plugin's), `target`, `position`, `initialOpen`,
 * `recordWhileClosed`, `capacity`, `frameCapacity`, `secretKeys` (see `@wirestate/devtools`).
 *
 * @example
 * ```vue
 * <script setup lang="ts">
 * import { WirestateDevtools } from '@wirestate/vue/devtools'
 * </script>
 * <template>
 *   <RouterView />
 *   <WirestateDevtools position="bottom-left" />
 * </template>
 * ```
 */
export const WirestateDevtools: ReturnType<typeof defineDevtools> = defineDevtools(
  // A production build (Vue apps always have a bundler that replaces this) drops the
  // panel's import here, whether or not it honours the devtools' `production` condition.
  process.env.NODE_ENV === 'production' ? () => () => {} : mountDevtools,
)
