import type { DevtoolsClient, MountDevtoolsOptions } from '@wirestate/devtools'
import { useContext, useEffect } from 'react'
import { ClientContext } from './provider.tsx'
import { useLatest } from './use-latest.ts'

/**
 * Props of `<WirestateDevtools>`: the panel's options (read when it mounts; give the
 * component a new `key` to remount with others), and the client, by default the one of
 * the nearest `WirestateProvider`.
 *
 * @example
 * ```tsx
 * const props: WirestateDevtoolsProps = { position: 'bottom-left', initialOpen: true }
 * ```
 */
export interface WirestateDevtoolsProps extends MountDevtoolsOptions {
  client?: DevtoolsClient
}

/** `mountDevtools` of `@wirestate/devtools` or of its `/production` entry. */
type MountDevtools = (client: DevtoolsClient, options?: MountDevtoolsOptions) => () => void

/**
 * Mounts the framework-free devtools panel (a shadow root under `target`, `document.body`
 * by default) in an effect, so a server render mounts nothing and unmounting removes it.
 * What both `<WirestateDevtools>` components are made of.
 *
 * @example
 * ```ts
 * function WirestateDevtools(props: WirestateDevtoolsProps): null {
 *   useDevtools(mountDevtools, props)
 *   return null
 * }
 * ```
 */
export function useDevtools(
  mountDevtools: MountDevtools,
  { client, ...options }: WirestateDevtoolsProps,
): void {
  const provided = useContext(ClientContext)
  const target = client ?? provided
  if (!target) {
    throw new Error(
      'wirestate: <WirestateDevtools> needs a client; pass client={client} or render it inside <WirestateProvider>',
    )
  }
  const latest = useLatest(options)
  useEffect(() => mountDevtools(target, latest.current), [mountDevtools, target, latest])
}
