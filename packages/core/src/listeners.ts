import type { Logger } from './options.ts'

/**
 * A set of listeners where one that throws never silences the others.
 *
 * @example
 * ```ts
 * const off = listeners.add((s) => console.log(s))
 * listeners.emit('hi')
 * off()
 * ```
 */
export interface Listeners<T> {
  /** The listeners, so callers can skip building what nobody reads (`set.size`). */
  set: Set<(value: T) => void>
  add(listener: (value: T) => void): () => void
  emit(value: T): void
}

/**
 * Creates a listener set; a listener's error goes to the logger and the next one runs.
 *
 * @example
 * ```ts
 * const listeners = createListeners<string>(console)
 * ```
 */
export function createListeners<T>(logger: Logger): Listeners<T> {
  const set = new Set<(value: T) => void>()
  return {
    set,
    add(listener) {
      set.add(listener)
      return () => set.delete(listener)
    },
    emit(value) {
      for (const listener of set) {
        try {
          listener(value)
        } catch (error) {
          logger.error('wirestate: a listener threw', error)
        }
      }
    },
  }
}
