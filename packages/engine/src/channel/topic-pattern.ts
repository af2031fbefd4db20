/**
 * A compiled topic pattern. `*` stands for one non-empty segment (no `:`), except
 * as the last character, where it takes the whole non-empty rest, colons included,
 * as Phoenix's `channel "room:*"` does.
 *
 * @example
 * ```ts
 * const pattern = new TopicPattern('user:*:notifications')
 * pattern.match('user:7:notifications') // ['7']
 * pattern.match('user:7')               // null
 * ```
 */
export class TopicPattern {
  readonly source: string
  #regex: RegExp

  constructor(source: string) {
    if (source.length === 0) throw new Error('a topic pattern must not be empty, e.g. "room:*"')
    this.source = source
    const parts = source.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    const body = parts
      .map((part, i) => {
        if (i === parts.length - 1) return part
        return i === parts.length - 2 && parts[i + 1] === '' ? `${part}(.+)` : `${part}([^:]+)`
      })
      .join('')
    this.#regex = new RegExp(`^${body}$`, 's')
  }

  /** The wildcard values when `topic` matches, else `null`. */
  match(topic: string): string[] | null {
    const found = this.#regex.exec(topic)
    return found ? found.slice(1) : null
  }
}
