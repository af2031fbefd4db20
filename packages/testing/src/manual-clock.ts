/**
 * A clock that moves only when told: give `timers` to `createClient({ timers })` and the
 * client's grace period (`leaveDelayMs`), heartbeats, push timeouts and reconnect delays
 * run when the test calls `advance(ms)`, never on their own. The mock server, msw and the
 * UI library keep the real clock, so Testing Library's `findBy*` still work. What a
 * StrictMode or remount test needs to prove "no leave within the grace period" without
 * sleeping. One `advance()` runs its timers with no real time between them, so advancing
 * past a heartbeat and its timeout (30 s + 30 s) times the heartbeat out: the server had
 * no chance to answer.
 *
 * @example
 * ```ts
 * const clock = createManualClock()
 * const client = createClient({ url, timers: clock.timers })
 * unmount()
 * clock.advance(999) // nothing left yet
 * clock.advance(1) // the grace period is over: the channel leaves
 * ```
 */
export interface ManualClock {
  /** What `createClient({ timers })` takes (core's `Timers`). */
  readonly timers: {
    setTimeout(callback: () => void, ms: number): unknown
    clearTimeout(handle: unknown): void
    now(): number
  }
  /** Moves the clock `ms` forward, running every timer due by then, in time order. */
  advance(ms: number): void
  /** How many timers wait. */
  readonly pending: number
}

/**
 * Creates a {@link ManualClock} at time 0.
 *
 * @example
 * ```ts
 * const clock = createManualClock()
 * clock.timers.setTimeout(() => console.log('ran'), 10)
 * clock.advance(10) // ran
 * ```
 */
export function createManualClock(): ManualClock {
  let now = 0
  let next = 0
  const due = new Map<number, { at: number; run: () => void }>()
  return {
    timers: {
      setTimeout(run, ms) {
        due.set(++next, { at: now + Math.max(0, ms), run })
        return next
      },
      clearTimeout: (handle) => void due.delete(handle as number),
      now: () => now,
    },
    advance(ms) {
      const end = now + ms
      for (;;) {
        // The earliest due timer (insertion order breaks ties), which may set new ones.
        let first: [number, { at: number; run: () => void }] | undefined
        for (const entry of due)
          if (entry[1].at <= end && (!first || entry[1].at < first[1].at)) first = entry
        if (!first) break
        due.delete(first[0])
        now = first[1].at
        first[1].run()
      }
      now = end
    },
    get pending() {
      return due.size
    },
  }
}
