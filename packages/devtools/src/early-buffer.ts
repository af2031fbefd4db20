import { INSPECT_HOOK, type InspectEntry, type InspectHook } from '@wirestate/core'
import { type RedactedEntry, redactEntry, toInspectEntry } from './model/redact-entry.ts'
import { RingBuffer } from './model/ring-buffer.ts'

/**
 * Inspect entries (commands, events and frames together) kept per client until a panel
 * shows them: the newest 500, enough for the socket opening and the first joins of an app
 * that mounts its panel late, a few hundred kB at most.
 *
 * @example
 * ```ts
 * earlyEntries(client).length <= EARLY_CAPACITY // true
 * ```
 */
export const EARLY_CAPACITY = 500

/** The hook this package installs: core's `InspectHook`, plus a way to read what it kept. */
interface EarlyBufferHook extends InspectHook {
  entries(client: object): InspectEntry[]
}

type WithHook = { [INSPECT_HOOK]?: Partial<EarlyBufferHook> }

/**
 * Installs the hook every client created from now on reports to (core calls it from
 * `createClient`), so a panel mounted later still shows the socket opening and the joins
 * before it. Each client gets a ring buffer of `EARLY_CAPACITY` entries, redacted as they
 * come in (a token never sits in it in clear); a client that is dropped takes its buffer
 * with it. A hook already there (another copy of this package) is left alone.
 *
 * @example
 * ```ts
 * installEarlyBuffer() // at import, before the app creates its client
 * ```
 */
export function installEarlyBuffer(): void {
  const global = globalThis as WithHook
  if (global[INSPECT_HOOK]) return
  const buffers = new WeakMap<object, RingBuffer<RedactedEntry>>()
  const hook: EarlyBufferHook = {
    clientCreated(client) {
      const buffer = new RingBuffer<RedactedEntry>(EARLY_CAPACITY)
      buffers.set(client, buffer)
      client.inspect((entry) => buffer.push(redactEntry(entry)))
    },
    entries: (client) => buffers.get(client)?.toArray().map(toInspectEntry) ?? [],
  }
  global[INSPECT_HOOK] = hook
}

/**
 * What the early buffer holds for a client, oldest first, redacted; empty when this
 * package's development entry was not imported before the client was created.
 *
 * @example
 * ```ts
 * for (const entry of earlyEntries(client)) backlog.push(entry)
 * ```
 */
export function earlyEntries(client: object): InspectEntry[] {
  return (globalThis as WithHook)[INSPECT_HOOK]?.entries?.(client) ?? []
}
