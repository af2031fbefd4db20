/**
 * Who this tab is: a name picked on the first screen (no password; the demo server
 * takes any). Kept in sessionStorage, so a reload stays signed in and another tab may
 * be someone else. `?name=` in the URL picks one without the form.
 */
const KEY = 'wirestate-demo:name'

// What an `@name` mention can reach (the server's pattern), so everyone is mentionable.
const NAME = /^[\w.-]{1,32}$/

/**
 * Whether a typed name can be used: 1–32 letters, digits, `_`, `.` or `-`.
 *
 * @example
 * ```ts
 * isUserName('ann.b') // true
 * isUserName('ann b') // false
 * ```
 */
export function isUserName(name: string): boolean {
  return NAME.test(name)
}

/**
 * Why a typed name cannot be used, in words for the form; `undefined` when it can (or
 * when nothing is typed yet: an empty box needs no scolding).
 *
 * @example
 * ```ts
 * nameProblem('ann b') // '“ann b” has a space: use letters, digits, “_”, “.” or “-”, so others can @mention you.'
 * ```
 */
export function nameProblem(name: string): string | undefined {
  if (name === '' || isUserName(name)) return undefined
  if (name.length > 32) return `At most 32 characters (this is ${name.length}).`
  const bad = [...new Set(name.replace(/[\w.-]/g, ''))]
  const what = bad.map((c) => (c === ' ' ? 'a space' : `“${c}”`)).join(', ')
  return `“${name}” has ${what}: use letters, digits, “_”, “.” or “-”, so others can @mention you.`
}

/**
 * The name this tab signed in with, if any.
 *
 * @example
 * ```ts
 * const name = savedName(new URLSearchParams(location.search))
 * ```
 */
export function savedName(query: URLSearchParams): string | undefined {
  const name = query.get('name') ?? sessionStorage.getItem(KEY) ?? ''
  return isUserName(name) ? name : undefined
}

/**
 * Signs this tab in (`name`) or out (`undefined`).
 *
 * @example
 * ```ts
 * saveName('alice')
 * ```
 */
export function saveName(name: string | undefined): void {
  if (name === undefined) sessionStorage.removeItem(KEY)
  else sessionStorage.setItem(KEY, name)
}
