import type { SharedRecords } from '../shared-records.ts'

// A claim is "pending:<uuid>" while its message is being stored, then "id:<id>".
const PENDING = 'pending:'
const STORED = 'id:'
// How long a pending claim outlives a node that died while storing: after that a
// repeat may store again (the one case a message can be stored twice).
const PENDING_TTL_MS = 30_000
const POLL_MS = 50

/**
 * What {@link ClientIdClaims.once} did: stored the message now, found it stored
 * earlier (`stored: false`), or found another send of it still being stored.
 *
 * @example
 * ```ts
 * const outcome: ClaimOutcome = { id: '1700000000000-0', stored: false }
 * ```
 */
export type ClaimOutcome = { readonly id: string; readonly stored: boolean } | 'in progress'

/**
 * Makes a chat send idempotent across nodes: one record per (topic, author,
 * `client_id`) in the broker's shared records, claimed by compare-and-swap before
 * storing and then holding the stored id for `windowMs`. A repeat that finds the
 * first send still storing (on any node) polls until it has an id, up to `waitMs`.
 *
 * @example
 * ```ts
 * const claims = new ClientIdClaims(records, { windowMs: 86_400_000, waitMs: 3000 })
 * const outcome = await claims.once('room:1', 'alice', 'c-42', () => channel.broadcast('new_msg', msg))
 * ```
 */
export class ClientIdClaims {
  readonly #records: SharedRecords
  readonly #windowMs: number
  readonly #waitMs: number

  constructor(records: SharedRecords, options: { windowMs: number; waitMs: number }) {
    this.#records = records
    this.#windowMs = options.windowMs
    this.#waitMs = options.waitMs
  }

  /** Runs `store` (resolving to the stored id) unless this client id was stored already. */
  async once(
    topic: string,
    user: string,
    clientId: string,
    store: () => Promise<string>,
  ): Promise<ClaimOutcome> {
    const key = `client-id:${JSON.stringify([topic, user, clientId])}`
    const pending = PENDING + globalThis.crypto.randomUUID()
    const deadline = performance.now() + this.#waitMs
    for (;;) {
      // Swapping from "absent" doubles as the read: it only writes when unclaimed.
      const found = await this.#records.swap(key, null, pending, PENDING_TTL_MS)
      // Our own claim found: the swap went through and was sent again (its reply
      // was lost when the connection to the broker dropped).
      if (found === null || found === pending) {
        return { id: await this.#store(key, pending, store), stored: true }
      }
      if (found.startsWith(STORED)) return { id: found.slice(STORED.length), stored: false }
      if (performance.now() >= deadline) return 'in progress'
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  }

  async #store(key: string, pending: string, store: () => Promise<string>): Promise<string> {
    let id: string
    try {
      id = await store()
    } catch (error) {
      // Release the claim so a retry can store the message after all.
      await this.#records.swap(key, pending, null, PENDING_TTL_MS).catch(() => null)
      throw error
    }
    await this.#records.swap(key, pending, STORED + id, this.#windowMs)
    return id
  }
}
