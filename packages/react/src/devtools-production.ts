import { mountDevtools } from '@wirestate/devtools/production'
import { useDevtools, type WirestateDevtoolsProps } from './use-devtools.ts'

export type { WirestateDevtoolsProps } from './use-devtools.ts'

/**
 * The wirestate devtools panel in every build, production included (the panel's UI is
 * still loaded only when it is first opened). For a debug switch in a deployed app.
 *
 * @example
 * ```tsx
 * import { WirestateDevtools } from '@wirestate/react/devtools/production'
 *
 * const debug = new URLSearchParams(location.search).has('debug')
 * <WirestateProvider client={client}>
 *   <App />
 *   {debug && <WirestateDevtools />}
 * </WirestateProvider>
 * ```
 */
export function WirestateDevtools(props: WirestateDevtoolsProps): null {
  useDevtools(mountDevtools, props)
  return null
}
