/** A piece of a message body: plain text, or an `@name` mention. */
export interface BodyPart {
  /** Where it starts in the body (a key for list rendering). */
  readonly at: number
  readonly text: string
  /** The mentioned name, for a mention. */
  readonly mention?: string
}

// The server's rule (packages/server/src/demo/demo-socket.ts): `@` and 1–64 of [\w.-].
const MENTION = /@([\w.-]{1,64})/g

/**
 * Splits a message body into text and mentions, so a view can mark `@name` up. The
 * parts are text for the framework to escape, never HTML.
 *
 * @example
 * ```ts
 * bodyParts('hi @bob!')
 * // [{ at: 0, text: 'hi ' }, { at: 3, text: '@bob', mention: 'bob' }, { at: 7, text: '!' }]
 * ```
 */
export function bodyParts(body: string): BodyPart[] {
  const parts: BodyPart[] = []
  let at = 0
  for (const match of body.matchAll(MENTION)) {
    if (match.index > at) parts.push({ at, text: body.slice(at, match.index) })
    parts.push({ at: match.index, text: match[0], mention: match[1] as string })
    at = match.index + match[0].length
  }
  if (at < body.length) parts.push({ at, text: body.slice(at) })
  return parts
}
