import type { ConnectionHub } from './hub.ts'
import type { HubMessage, HubSettings, TabMessage } from './messages.ts'
import { tabLock, watchTab } from './tab-watch.ts'

/**
 * The hub's end of one tab's link (a MessagePort, or the leader's BroadcastChannels): the
 * tab's first message is its `attach`, which also starts watching for the tab to go away.
 * Returns the function to give every message from the tab to.
 *
 * @example
 * ```ts
 * const receive = hubEndpoint(name, () => hub, (message) => port.postMessage(message))
 * port.onmessage = ({ data }) => receive(data)
 * ```
 */
export function hubEndpoint(
  name: string,
  hubFor: (settings: HubSettings) => ConnectionHub,
  post: (message: HubMessage) => void,
  options: { watch?: boolean; closed?: () => void } = {},
): (message: TabMessage) => void {
  let tab: string | undefined
  let hub: ConnectionHub | undefined
  let watch: ReturnType<typeof watchTab> | undefined
  return (message) => {
    watch?.heard()
    if (message.type !== 'attach') {
      if (tab !== undefined) hub?.receive(tab, message)
      if (message.type === 'detach') watch?.stop()
      return
    }
    const id = message.tab
    watch?.stop()
    tab = id
    hub = hubFor(message.settings)
    hub.attach(id, post, message.topics)
    if (options.watch === false) return
    const attached = hub
    watch = watchTab(tabLock(name, id), post, () => {
      attached.release(id)
      options.closed?.()
    })
  }
}
