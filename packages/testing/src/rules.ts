import { TopicPattern } from '@wirestate/engine'

/**
 * A rule that matched: its handler, and the values the pattern's `*` stood for.
 *
 * @example
 * ```ts
 * const found = rules.find('room:42', 'new_msg') // { handler, wildcards: ['42'] }
 * ```
 */
export interface RuleMatch<Handler> {
  handler: Handler
  wildcards: string[]
}

interface Rule<Handler> {
  pattern: TopicPattern
  event: string | undefined
  handler: Handler
}

/**
 * Handlers keyed by topic pattern (and event). The rule added last wins, so a test
 * can override what a `beforeEach` set up, as msw's `server.use()` does.
 *
 * @example
 * ```ts
 * const rules = new Rules<() => void>()
 * const remove = rules.add('room:*', 'new_msg', handler)
 * rules.find('room:1', 'new_msg')?.handler
 * remove()
 * ```
 */
export class Rules<Handler> {
  #rules: Rule<Handler>[] = []

  /** Adds a rule; returns a function that removes it. */
  add(pattern: string, event: string | undefined, handler: Handler): () => void {
    if (typeof handler !== 'function') throw new TypeError('a rule needs a handler function')
    const rule = { pattern: new TopicPattern(pattern), event, handler }
    this.#rules.push(rule)
    return () => {
      this.#rules = this.#rules.filter((r) => r !== rule)
    }
  }

  /** The newest rule for this topic (and event), if any. */
  find(topic: string, event?: string): RuleMatch<Handler> | undefined {
    for (let i = this.#rules.length - 1; i >= 0; i--) {
      const rule = this.#rules[i] as Rule<Handler>
      if (rule.event !== event) continue
      const wildcards = rule.pattern.match(topic)
      if (wildcards) return { handler: rule.handler, wildcards }
    }
    return undefined
  }

  /** Whether any rule, for any event, is about this topic. */
  covers(topic: string): boolean {
    return this.#rules.some((rule) => rule.pattern.match(topic) !== null)
  }

  clear(): void {
    this.#rules = []
  }
}
