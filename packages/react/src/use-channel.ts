import { useStore } from '@nanostores/react'
import type {
  Channel,
  ChannelEvents,
  ChannelOptions,
  ChannelState,
  MessageListener,
  UnknownEvents,
} from '@wirestate/core'
import { useEffect, useMemo } from 'react'
import { useClient } from './provider.tsx'
import { useLatest } from './use-latest.ts'

/**
 * Options of {@link useChannel}.
 *
 * @example
 * ```ts
 * const options: UseChannelOptions<RoomEvents> = { params: { nick: 'ann' }, onMessage: (e, p) => log(e, p) }
 * ```
 */
export interface UseChannelOptions<E extends ChannelEvents = UnknownEvents> {
  /**
   * Join params: an object, or a function evaluated before every join and rejoin. The
   * client keeps one channel per topic, and the first options given for a topic win.
   */
  params?: ChannelOptions['params']
  /** Every server event on the channel; the latest callback is called, no resubscribing. */
  onMessage?: MessageListener<E>
}

/**
 * What {@link useChannel} returns.
 *
 * @example
 * ```ts
 * const { state, push, channel }: UseChannelResult<RoomEvents> = useChannel<RoomEvents>('room:42')
 * ```
 */
export interface UseChannelResult<E extends ChannelEvents = UnknownEvents> {
  /** `closed`, `joining`, `joined`, `leaving`, `disconnected`, or `errored` with a reason. */
  state: ChannelState
  /** `channel.push`, bound and typed by the event map: settles once with the reply. */
  push: Channel<E>['push']
  /** The channel itself, the same for the same topic. */
  channel: Channel<E>
}

/**
 * Joins a channel while the component is mounted and renders its state; `E` is the
 * channel's event map (`ChannelEvents` of `@wirestate/core`), which types `push`, its
 * reply and `onMessage`. Rendering joins nothing (on the server neither); the join comes
 * with the subscription after commit, and unmounting leaves after the client's
 * `leaveDelayMs`, so StrictMode's double mount and quick remounts keep one join.
 *
 * @example
 * ```tsx
 * interface RoomEvents {
 *   receive: { new_msg: { body: string; user: string } }
 *   push: { ping: { payload: { at: number }; reply: { pong: number } } }
 * }
 *
 * function Room({ id }: { id: string }) {
 *   const { state, push } = useChannel<RoomEvents>(`room:${id}`, { params: { nick: 'ann' } })
 *   return (
 *     <button disabled={state.status !== 'joined'} onClick={() => push('ping', { at: Date.now() })}>
 *       Ping
 *     </button>
 *   )
 * }
 * ```
 */
export function useChannel<E extends ChannelEvents = UnknownEvents>(
  topic: string,
  options: UseChannelOptions<E> = {},
): UseChannelResult<E> {
  const { params, onMessage } = options
  const channel = useClient().channel<E>(topic, { params })
  const state = useStore(channel.$state, { ssr: 'initial' })
  const latest = useLatest(onMessage)
  const listening = onMessage !== undefined
  useEffect(() => {
    if (!listening) return
    const forward = ((...message: Parameters<MessageListener<E>>) =>
      latest.current?.(...message)) as MessageListener<E>
    return channel.onMessage(forward)
  }, [channel, listening, latest])
  const push = useMemo(() => channel.push.bind(channel) as Channel<E>['push'], [channel])
  return { state, push, channel }
}
