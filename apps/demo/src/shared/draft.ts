/**
 * The longest message the demo server stores: `chatRoute`'s `maxBodyLength` (2,000
 * UTF-16 code units, its default). A longer one would only come back refused.
 */
export const MAX_MESSAGE_LENGTH = 2_000

/** What the composer may do with what is typed, and what to tell the user. */
export interface DraftCheck {
  /** The text that would be sent: trimmed. */
  readonly body: string
  /** Whether Send (and Enter) sends it. */
  readonly canSend: boolean
  /** Why it cannot be sent, when there is something to say (not for an empty box). */
  readonly problem?: string
  /** How close it is to the limit, once that matters (the last 10 %). */
  readonly counter?: string
}

const COUNT = new Intl.NumberFormat('en')

/**
 * Checks a draft before it is sent, as the server would: not empty, at most
 * {@link MAX_MESSAGE_LENGTH} characters. A draft that fails stays in the box.
 *
 * @example
 * ```ts
 * checkDraft('x'.repeat(2_001)).problem // 'Too long by 1 character: the limit is 2,000.'
 * ```
 */
export function checkDraft(text: string): DraftCheck {
  const body = text.trim()
  const length = body.length
  if (length === 0) return { body, canSend: false }
  const counter =
    length >= MAX_MESSAGE_LENGTH * 0.9
      ? `${COUNT.format(length)} / ${COUNT.format(MAX_MESSAGE_LENGTH)}`
      : undefined
  if (length <= MAX_MESSAGE_LENGTH)
    return counter ? { body, canSend: true, counter } : { body, canSend: true }
  const over = length - MAX_MESSAGE_LENGTH
  const problem = `Too long by ${COUNT.format(over)} character${over === 1 ? '' : 's'}: the limit is ${COUNT.format(MAX_MESSAGE_LENGTH)}.`
  return { body, canSend: false, problem, ...(counter ? { counter } : {}) }
}
