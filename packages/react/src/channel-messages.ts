import { type Channel, defineFeature } from '@wirestate/core'

/**
 * Gets every server event of a channel, with its name (`useChannel`'s `onMessage`).
 *
 * @example
 * ```ts
 * const log: MessageListener = (event, payload) => console.log(event, payload)
 * ```
 */
export type MessageListener = (event: string, payload: unknown) => void

/**
 * Every server event of a channel, whatever its name, for `useChannel`'s `onMessage`.
 * `channel.on()` listens to one event; core has no public way to listen to all of them,
 * so this taps the feature contract's `message` hook (it sees each message after the
 * hooks of features set up before it on the channel). A listener that throws is logged
 * and never stops the message.
 */
const channelMessages = defineFeature((ctx) => {
  const listeners = new Set<MessageListener>()
  ctx.hook({
    message(event, payload) {
      for (const listener of listeners) {
        try {
          listener(event, payload)
        } catch (error) {
          ctx.logger.error('wirestate: an onMessage callback threw', error)
        }
      }
      return undefined
    },
  })
  return (listener: MessageListener): (() => void) => {
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }
})

/**
 * Listens to every server event of `channel`; returns an unsubscribe.
 *
 * @example
 * ```ts
 * const off = onChannelMessage(channel, (event, payload) => console.log(event, payload))
 * ```
 */
export function onChannelMessage(channel: Channel, listener: MessageListener): () => void {
  return channelMessages(channel)(listener)
}
