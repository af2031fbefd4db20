import type { DevtoolsClient, DevtoolsPosition, MountDevtoolsOptions } from '@wirestate/devtools'
import { defineComponent, onBeforeUnmount, onMounted, type PropType } from 'vue'
import { useClient } from '../use-client.ts'

type MountDevtools = (client: DevtoolsClient, options?: MountDevtoolsOptions) => () => void

/**
 * Makes the `WirestateDevtools` component around one of the devtools' `mountDevtools`
 * (the development one, which renders nothing in production builds, or the one that
 * always renders). The panel mounts in `onMounted`, so a server render has none.
 *
 * @example
 * ```ts
 * export const WirestateDevtools = defineDevtools(mountDevtools)
 * ```
 */
// The return type is inferred: it carries the props, for type-checked templates.
export function defineDevtools(mountDevtools: MountDevtools) {
  return defineComponent({
    name: 'WirestateDevtools',
    props: {
      /** Default: the client the plugin provided. */
      client: Object as PropType<DevtoolsClient>,
      /** The element to mount in (default `document.body`); needed for `inline`. */
      target: Object as PropType<Element>,
      position: String as PropType<DevtoolsPosition>,
      initialOpen: { type: Boolean, default: undefined },
      recordWhileClosed: { type: Boolean, default: undefined },
      capacity: Number,
      frameCapacity: Number,
      secretKeys: RegExp,
    },
    setup(props) {
      const client = props.client ?? useClient()
      let unmount: (() => void) | undefined
      onMounted(() => {
        const { client: _, ...options } = props
        unmount = mountDevtools(client, options)
      })
      onBeforeUnmount(() => unmount?.())
      return () => null
    },
  })
}
