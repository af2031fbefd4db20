import type { ConnectContext, SocketParams, Timers } from '../options.ts'
import type { HubMessage, TabMessage } from './messages.ts'

type Provided = Extract<TabMessage, { type: 'provided' }>

/** A tab, as far as asking it goes. */
interface Asked {
  readonly id: string
  readonly outbox: { post(message: HubMessage): void }
}

/**
 * The hub's questions to the tabs for the url and params of a connect: the functions a
 * client was given live in its tab, so they run there, with the connect's context. A tab
 * that goes away or does not answer within the timeout is skipped for the next.
 *
 * @example
 * ```ts
 * const providers = new Providers(timers, 10_000)
 * const { url, params } = await providers.ask([lastActiveTab, otherTab], { attempt: 0, reauthenticate: false })
 * ```
 */
export class Providers {
  #timers: Timers
  #timeoutMs: number
  #requests = new Map<number, { tab: string; done: (answer?: Provided) => void }>()
  #count = 0
  /** One question per connect for both: the socket asks for the url, then the params. */
  #asked = new WeakMap<ConnectContext, Promise<{ url: string; params: SocketParams }>>()

  constructor(timers: Timers, timeoutMs: number) {
    this.#timers = timers
    this.#timeoutMs = timeoutMs
  }

  /**
   * The first answer of the tabs, asked in this order, for this connect (the same context
   * gets the same answer); rejects with a provider's error.
   */
  ask(tabs: Asked[], context: ConnectContext): Promise<{ url: string; params: SocketParams }> {
    const asked = this.#asked.get(context) ?? this.#first(tabs, context)
    this.#asked.set(context, asked)
    return asked
  }

  async #first(tabs: Asked[], context: ConnectContext) {
    for (const tab of tabs) {
      const answer = await this.#ask(tab, context)
      if (!answer) continue
      if (answer.error !== undefined) throw new Error(answer.error)
      return { url: answer.url as string, params: answer.params ?? {} }
    }
    throw new Error('no tab answered for the url and params')
  }

  /** A tab's answer. */
  answered(answer: Provided): void {
    this.#requests.get(answer.request)?.done(answer)
  }

  /** The tab is gone: what was asked of it goes to the next tab. */
  gone(tab: string): void {
    for (const request of this.#requests.values()) if (request.tab === tab) request.done()
  }

  #ask(tab: Asked, context: ConnectContext): Promise<Provided | undefined> {
    const request = ++this.#count
    const timers = this.#timers
    return new Promise((resolve) => {
      const done = (answer?: Provided) => {
        timers.clearTimeout(timer)
        this.#requests.delete(request)
        resolve(answer)
      }
      const timer = timers.setTimeout(done, this.#timeoutMs)
      this.#requests.set(request, { tab: tab.id, done })
      tab.outbox.post({ type: 'provide', request, context })
    })
  }
}
