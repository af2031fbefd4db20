import type { Channel } from '../../channel.ts'
import type { PushErrorCode } from '../../codes.ts'
import type { Backoff } from '../../connection/backoff.ts'
import type { PushError } from '../../errors.ts'
import type { Timers } from '../../options.ts'
import { NEW_MSG } from '../../protocol/app/chat.ts'
import { parseStreamId } from '../stream.ts'
import type { ChatMessage, MessageList } from './message-list.ts'

/**
 * Optimistic sends: every message sent from here until the server has stored it.
 *
 * @example
 * ```ts
 * const outbox = createOutbox({ channel, list, self: 'ann', timers, backoff, storedAs: console.log })
 * const pending = outbox.send('hello')
 * ```
 */
export interface Outbox {
  /** Shows the message as pending at once and sends it (now if joined, else on the join). */
  send(body: string): ChatMessage
  /** Sends a failed message again, with the same client id. */
  retry(clientId: string): void
  /** Forgets a failed message. */
  discard(clientId: string): void
  /** The server's copy of this client id arrived (live or replayed): it is stored. */
  stored(clientId: string): void
  /** The channel (re)joined: sends what is unconfirmed and not on its way. */
  joined(): void
  /** The channel stopped: what is still pending failed (`channel_closed`). */
  stopped(): void
}

interface Outgoing {
  body: string
  status: 'pending' | 'failed'
  /** Counts pushes, so the outcome of an older one is ignored. */
  attempt: number
  inFlight: boolean
  /** Sent again by itself (pending, or failed for a transient reason). */
  resend: boolean
}

/**
 * What the outbox works with: its channel and message list, our user id, the clock, the
 * backoff that spaces resends, and where an id a reply confirmed is told.
 *
 * @example
 * ```ts
 * const parts: OutboxParts = { channel, list, self: 'ann', timers, backoff, storedAs: () => {} }
 * ```
 */
export interface OutboxParts {
  channel: Channel
  list: MessageList
  self: string | undefined
  timers: Timers
  backoff: Backoff
  storedAs(id: string): void
}

let fallbackCount = 0

const TRANSIENT = new Set<PushError['code']>(['timeout', 'rate_limited', 'buffer_full'])

/**
 * A client id for a message: `crypto.randomUUID()` where there is one (it needs a secure
 * context in browsers), else time, a counter and randomness, unique enough per author.
 *
 * @example
 * ```ts
 * createClientId() // '3b241101-e2bb-4255-8caf-4136c566a962'
 * ```
 */
export function createClientId(): string {
  const crypto = globalThis.crypto as Crypto | undefined
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID()
  const random = Math.random().toString(36).slice(2, 12)
  return `${Date.now().toString(36)}-${(++fallbackCount).toString(36)}-${random}`
}

/**
 * Creates the outbox. Messages are sent with a client id, so a repeat is stored once:
 * that is what makes re-sending after a reconnect safe. A send is confirmed by its reply
 * or by its own client id coming back in a `new_msg`, whichever comes first; `storedAs` is
 * told the id of one its reply confirmed.
 *
 * Failures: a server refusal fails the message until `retry`. A dropped socket
 * (`channel_closed` while the channel rejoins) keeps it pending; a transient failure
 * (`timeout`, `rate_limited`, `buffer_full`) fails it, and it is sent again by itself,
 * after a backoff delay or at the next join, whichever comes first (the client id makes a
 * repeat safe). Resends go together, in the order the messages were written, and the
 * connection paces them as it paces every push: over the rate limit they wait for tokens.
 *
 * @example
 * ```ts
 * const outbox = createOutbox({ channel, list, self: undefined, timers, backoff, storedAs: () => {} })
 * outbox.retry(failed.clientId as string)
 * ```
 */
export function createOutbox(parts: OutboxParts): Outbox {
  const { channel, list, self, timers, backoff, storedAs } = parts
  const outgoing = new Map<string, Outgoing>()
  /** The timer of the next resend of transient failures, while one is due. */
  let resendTimer: unknown

  /** `failure` is the reason shown (`error`) and its code; absent when not failed. */
  function setStatus(
    clientId: string,
    entry: Outgoing,
    status: Outgoing['status'],
    failure?: { error: string; errorCode: PushErrorCode },
  ) {
    entry.status = status
    list.update((draft) => {
      const i = draft.indexOfPending(clientId)
      if (i < 0) return
      const { error: _, errorCode: __, ...held } = draft.items[i] as ChatMessage
      draft.items[i] = { ...held, status, ...failure }
    })
  }

  const state = () => channel.$state.value?.status
  const willRejoin = () => {
    const s = channel.$state.value
    return s?.status === 'joining' || (s?.status === 'errored' && !s.fatal)
  }

  function push(clientId: string, entry: Outgoing): void {
    const attempt = ++entry.attempt
    entry.inFlight = true
    const reply = channel.push(NEW_MSG, { body: entry.body, client_id: clientId })
    ;(reply as Promise<{ id?: unknown } | undefined>).then(
      (reply) => outgoing.get(clientId)?.attempt === attempt && confirmed(clientId, reply?.id),
      (error: PushError) => outgoing.get(clientId)?.attempt === attempt && failed(clientId, error),
    )
  }

  /** Sends now if joined; a joining channel sends it on the join; else the push fails. */
  function dispatch(clientId: string, entry: Outgoing): void {
    if (state() === 'joined' || !willRejoin()) push(clientId, entry)
  }

  /** Sends what is unconfirmed and not on its way, in the order it was written. */
  function resendAll(): void {
    timers.clearTimeout(resendTimer)
    resendTimer = undefined
    for (const [clientId, entry] of outgoing) {
      if (entry.inFlight || !entry.resend) continue
      if (entry.status === 'failed') setStatus(clientId, entry, 'pending')
      push(clientId, entry)
    }
  }

  /** A transient failure on a joined channel: resend after the next backoff delay. */
  function resendLater(): void {
    if (resendTimer !== undefined || state() !== 'joined') return
    resendTimer = timers.setTimeout(() => {
      resendTimer = undefined
      if (state() === 'joined') resendAll()
    }, backoff.next())
  }

  function confirmed(clientId: string, id: unknown): void {
    const entry = outgoing.get(clientId) as Outgoing
    entry.inFlight = false
    // The server stores again: the next transient failure is resent after the shortest delay.
    backoff.reset()
    // A server that replies without the stored id: wait for the message itself.
    if (typeof id !== 'string' || !parseStreamId(id)) return
    outgoing.delete(clientId)
    list.update((draft) => {
      const i = draft.indexOfPending(clientId)
      if (i < 0) return
      const { error: _, errorCode: __, ...message } = draft.removeAt(i) as ChatMessage
      draft.insert({ ...message, id, status: 'confirmed' })
    })
    storedAs(id)
  }

  function failed(clientId: string, error: PushError): void {
    const entry = outgoing.get(clientId) as Outgoing
    entry.inFlight = false
    if (error.code === 'channel_closed') {
      // The socket dropped: a rejoin sends it again (or, if it rejoined already, now).
      if (state() === 'joined') push(clientId, entry)
      if (state() === 'joined' || willRejoin()) return
    }
    const reason = (error.response as { reason?: unknown } | undefined)?.reason
    // Transient: the server may have stored it (timeout), or it was never sent (the client's
    // own limits). The next join sends it again by itself; a refusal waits for `retry`.
    entry.resend = TRANSIENT.has(error.code)
    const shown = typeof reason === 'string' ? reason : error.code
    setStatus(clientId, entry, 'failed', { error: shown, errorCode: error.code })
    if (entry.resend) resendLater()
  }

  return {
    send(body) {
      if (typeof body !== 'string' || body === '') {
        throw new TypeError('wirestate chat: send(body) needs a non-empty string')
      }
      const clientId = createClientId()
      const message: ChatMessage = {
        key: clientId,
        id: undefined,
        body,
        user: self,
        clientId,
        rev: 0,
        status: 'pending',
      }
      const entry: Outgoing = { body, status: 'pending', attempt: 0, inFlight: false, resend: true }
      outgoing.set(clientId, entry)
      list.update((draft) => draft.append(message))
      dispatch(clientId, entry)
      return message
    },
    retry(clientId) {
      const entry = outgoing.get(clientId)
      if (entry?.status !== 'failed' || entry.inFlight) return
      entry.resend = true
      setStatus(clientId, entry, 'pending')
      dispatch(clientId, entry)
    },
    discard(clientId) {
      if (!outgoing.delete(clientId)) return
      list.update((draft) => {
        const i = draft.indexOfPending(clientId)
        if (i >= 0) draft.removeAt(i)
      })
    },
    stored(clientId) {
      outgoing.delete(clientId)
    },
    joined: resendAll,
    stopped() {
      timers.clearTimeout(resendTimer)
      resendTimer = undefined
      for (const [clientId, entry] of outgoing) {
        entry.resend = false
        if (entry.status === 'pending') {
          setStatus(clientId, entry, 'failed', {
            error: 'channel_closed',
            errorCode: 'channel_closed',
          })
        }
      }
    },
  }
}
