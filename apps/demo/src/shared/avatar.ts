/** How a person is drawn in the avatar row: initials on a colour of their own. */
export interface Avatar {
  readonly initials: string
  /** A CSS colour derived from the name, the same on every page. */
  readonly color: string
}

/**
 * The avatar of a user name.
 *
 * @example
 * ```ts
 * avatarOf('alice') // { initials: 'AL', color: 'hsl(…)' }
 * ```
 */
export function avatarOf(name: string): Avatar {
  let hash = 0
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0
  return {
    initials:
      name
        .replace(/[^\p{L}\p{N}]/gu, '')
        .slice(0, 2)
        .toUpperCase() || '?',
    color: `hsl(${hash % 360} 55% 42%)`,
  }
}
