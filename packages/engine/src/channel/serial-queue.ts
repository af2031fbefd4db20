/**
 * Runs one join's work one task at a time, like a Phoenix channel process works
 * through its mailbox, with a bound on how much may wait.
 *
 * @example
 * ```ts
 * const queue = new SerialQueue(100, (error) => logger.error('task failed', { error }))
 * if (!queue.push(() => handle(message))) replyOverloaded()
 * ```
 */
export class SerialQueue {
  #tail: Promise<void> = Promise.resolve()
  #waiting = 0
  #generation = 0
  #max: number
  #onError: (error: unknown) => void

  constructor(max: number, onError: (error: unknown) => void) {
    this.#max = max
    this.#onError = onError
  }

  /** Queues a task; `false` when the queue is full. */
  push(task: () => Promise<void>): boolean {
    if (this.#waiting >= this.#max) return false
    this.#waiting++
    const generation = this.#generation
    this.#tail = this.#tail.then(async () => {
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
