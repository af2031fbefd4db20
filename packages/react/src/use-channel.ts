import type { Channel, ChannelOptions, ChannelState, MessageListener } from '@wirestate/core'
import { useEffect, useMemo } from 'react'
import { useClient } from './provider.tsx'
import { useAtom } from './use-atom.ts'
import { useLatest } from './use-latest.ts'

/**
 * Options of {@link useChannel}.
 *
 * @example
 * ```ts
 * const options: UseChannelOptions = { params: { nick: 'ann' }, onMessage: (e, p) => log(e, p) }
 * ```
 */
export interface UseChannelOptions {
  /**
   * Join params: an object, or a function evaluated before every join and rejoin. The
   * client keeps one channel per topic, and the first options given for a topic win.
   */
  params?: ChannelOptions['params']
  /** Every server event on the channel; the latest callback is called, no resubscribing. */
  onMessage?: MessageListener
}

/**
 * What {@link useChannel} returns.
 *
 * @example
 * ```ts
 * const { state, push, channel }: UseChannelResult = useChannel('room:42')
 * ```
 */
export interface UseChannelResult {
  /** `closed`, `joining`, `joined`, `leaving`, or `errored` with a reason. */
  state: ChannelState
  /** `channel.push`, bound: settles once with the reply or rejects with a `PushError`. */
  push: Channel['push']
  /** The channel itself, the same for the same topic. */
  channel: Channel
}

/**
 * Joins a channel while the component is mounted and renders its state. The join happens
 * after commit (never in render or on the server); unmounting leaves after core's grace
 * period, so StrictMode's double mount and quick remounts keep one join.
 *
 * @example
 * ```tsx
 * function Room({ id }: { id: string }) {
 *   const { state, push } = useChannel(`room:${id}`, {
 *     params: { nick: 'ann' },
 *     onMessage: (event, payload) => console.log(event, payload),
 *   })
 *   return (
 *     <button disabled={state.status !== 'joined'} onClick={() => push('ping', {})}>
 *       Ping
 *     </button>
 *   )
 * }
 * ```
 */
export function useChannel(topic: string, options: UseChannelOptions = {}): UseChannelResult {
  const { params, onMessage } = options
  const channel = useClient().channel(topic, { params })
  const state = useAtom(channel.$state)
  const latest = useLatest(onMessage)
  const listening = onMessage !== undefined
  useEffect(() => {
    if (listening) return channel.onMessage((e, p) => latest.current?.(e, p))
  }, [channel, listening, latest])
  const push = useMemo(() => channel.push.bind(channel), [channel])
  return { state, push, channel }
}
