import { atom, type WritableAtom } from 'nanostores'
import type { Channel } from '../../channel.ts'
import type { NotifyManager } from '../../notify.ts'
import type { Timers } from '../../options.ts'
import { TYPING } from '../../protocol/app/chat.ts'

/**
 * What typing indicators need from the chat.
 *
 * @example
 * ```ts
 * const options: TypingOptions = { channel, timers, self: 'ann', expireMs: 5_000, throttleMs: 2_000 }
 * ```
 */
export interface TypingOptions {
  channel: Channel
  timers: Timers
  /** Where expiries are folded into `$typing`: the client's notify manager. */
  notify: Pick<NotifyManager, 'schedule'>
  /** Our own user id, left out of the list (another tab of ours is not someone else). */
  self: string | undefined
  /** An indicator not renewed for this long goes away by itself. */
  expireMs: number
  /** While typing, `true` is sent at most this often. */
  throttleMs: number
}

/**
 * Typing indicators: who else is typing, and our own state, throttled.
 *
 * @example
 * ```ts
 * const typing = createTyping(options)
 * typing.$typing.subscribe((users) => render(users))
 * input.oninput = () => typing.set(true)
 * ```
 */
export interface Typing {
  /** User ids of the others typing, in the order they started. */
  readonly $typing: WritableAtom<readonly string[]>
  /** A `typing` event from the server. */
  received(payload: unknown): void
  /** `user` sent a message: they stopped typing. */
  stop(user: string | undefined): void
  /** Our own state: `true` is sent at most once per `throttleMs`; `false` at once. */
  set(typing: boolean): void
  /** Forgets everyone and our own state (the channel stopped). */
  clear(): void
}

/**
 * Creates the indicators. An indicator expires on a timer; the removal runs in the next
 * notify flush, so it is batched with whatever else changes there.
 *
 * @example
 * ```ts
 * const typing = createTyping({ channel, timers, self: undefined, expireMs: 5_000, throttleMs: 2_000 })
 * ```
 */
export function createTyping(options: TypingOptions): Typing {
  const { channel, timers, expireMs, throttleMs } = options
  const $typing = atom<readonly string[]>([])
  const expiries = new Map<string, unknown>()
  // When we last sent `true`; undefined while we are not typing.
  let sentAt: number | undefined

  // Fire and forget: the server never replies to typing (as Phoenix), so the push is done
  // once written; a failure to send (socket gone) is nothing to report. Nothing is sent
  // while not joined (it would be stale by the join).
  const send = (typing: boolean) => {
    if (channel.$state.value?.status !== 'joined') return
    channel.push(TYPING, { typing }, { noReply: true, timeout: throttleMs }).catch(() => {})
  }

  const remove = (user: string) => {
    timers.clearTimeout(expiries.get(user))
    if (!expiries.delete(user)) return
    $typing.set(($typing.value as readonly string[]).filter((u) => u !== user))
  }

  return {
    $typing,
    received(payload) {
      const { user, typing } = (payload ?? {}) as { user?: unknown; typing?: unknown }
      if (typeof user !== 'string' || user === options.self) return
      if (typing !== true) return remove(user)
      const known = expiries.has(user)
      timers.clearTimeout(expiries.get(user))
      // A renewal can come between the timer and the flush: only this timer's removal counts.
      const timer = timers.setTimeout(() => {
        options.notify.schedule(() => expiries.get(user) === timer && remove(user))
      }, expireMs)
      expiries.set(user, timer)
      if (!known) $typing.set([...($typing.value as readonly string[]), user])
    },
    stop(user) {
      if (user !== undefined) remove(user)
    },
    set(typing) {
      const now = timers.now()
      if (typing) {
        if (sentAt !== undefined && now - sentAt < throttleMs) return
        sentAt = now
        send(true)
      } else if (sentAt !== undefined) {
        sentAt = undefined
        send(false)
      }
    },
    clear() {
      for (const timer of expiries.values()) timers.clearTimeout(timer)
      expiries.clear()
      sentAt = undefined
      if (($typing.value as readonly string[]).length) $typing.set([])
    },
  }
}
