/**
 * The typing line under a room's messages, in words.
 *
 * @example
 * ```ts
 * typingText(['bob']) // 'bob is typing…'
 * typingText([]) // ''
 * ```
 */
export function typingText(users: readonly string[]): string {
  const [first, second] = users
  if (users.length === 0) return ''
  if (users.length === 1) return `${first} is typing…`
  if (users.length === 2) return `${first} and ${second} are typing…`
  return `${users.length} people are typing…`
}
