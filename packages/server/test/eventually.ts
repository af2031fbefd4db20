import { vi } from 'vitest'

/**
 * Retries `check` every 10 ms until it stops throwing (an async check is awaited), or
 * rethrows its last error after `timeoutMs`: for what real sockets and brokers deliver
 * "soon", never a fixed sleep.
 *
 * @example
 * ```ts
 * await eventually(() => expect(received).toHaveLength(3))
 * ```
 */
export function eventually<T>(check: () => T | Promise<T>, timeoutMs = 2_000): Promise<T> {
  return vi.waitFor(check, { timeout: timeoutMs, interval: 10 })
}
