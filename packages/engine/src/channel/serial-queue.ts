/**
 * Runs one join's work one task at a time, like a Phoenix channel process works
 * through its mailbox, with a bound on how much may wait. Before each task it passes
 * `held()`: a promise there (handlers are paused) holds the task until it settles.
 *
 * @example
 * ```ts
 * const queue = new SerialQueue(100, (error) => logger.error('task failed', { error }))
 * if (!queue.push(() => handle(message))) replyOverloaded()
 * ```
 */
export class SerialQueue {
  // Made by the first push: most joins of a broadcast topic never push.
  #tail: Promise<void> | null = null
  #waiting = 0
  #generation = 0
  #max: number
  #onError: (error: unknown) => void
  #held: () => Promise<void> | null

  constructor(
    max: number,
    onError: (error: unknown) => void,
    held: () => Promise<void> | null = () => null,
  ) {
    this.#max = max
    this.#onError = onError
    this.#held = held
  }

  /** Queues a task; `false` when the queue is full. */
  push(task: () => Promise<void>): boolean {
    if (this.#waiting >= this.#max) return false
    this.#waiting++
    const generation = this.#generation
    this.#tail = (this.#tail ?? Promise.resolve()).then(async () => {
      const held = this.#held()
      if (held) await held
      this.#waiting--
      if (generation !== this.#generation) return
      try {
        await task()
      } catch (error) {
        this.#onError(error)
      }
    })
    return true
  }

  /** Drops every task not started yet. */
  clear(): void {
    this.#generation++
  }
}
