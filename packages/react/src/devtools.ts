import { mountDevtools } from '@wirestate/devtools'
import { useDevtools, type WirestateDevtoolsProps } from './use-devtools.ts'

export type { WirestateDevtoolsProps } from './use-devtools.ts'

// Bundlers replace `process.env.NODE_ENV` with a constant. Declared for this module only,
// so an app that type-checks these sources needs no @types/node.
declare const process: { env: { NODE_ENV?: string } }

function DevelopmentDevtools(props: WirestateDevtoolsProps): null {
  useDevtools(mountDevtools, props)
  return null
}

/**
 * The wirestate devtools panel (timeline of commands and events, frames, channels,
 * presence, connection history) for development builds. In a production build
 * (`process.env.NODE_ENV === 'production'`) it is a component that renders nothing, and
 * the panel's code is left out of the bundle; use `@wirestate/react/devtools/production`
 * to ship it.
 *
 * @example
 * ```tsx
 * import { WirestateDevtools } from '@wirestate/react/devtools'
 *
 * <WirestateProvider client={client}>
 *   <App />
 *   <WirestateDevtools position="bottom-left" />
 * </WirestateProvider>
 * ```
 */
export const WirestateDevtools: (props: WirestateDevtoolsProps) => null =
  process.env.NODE_ENV === 'production' ? () => null : DevelopmentDevtools
