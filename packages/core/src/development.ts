// Declared for this module only, so an app that type-checks these sources needs no
// @types/node; what bundlers replace is the expression, whatever its declared type.
declare const process: { env: { NODE_ENV?: string } }

/**
 * Whether this is a development build: bundlers (webpack, Vite, Rollup's replace, Next.js)
 * replace `process.env.NODE_ENV` with a constant; in Node it is the environment variable.
 * Without a bundler in a browser, `process` does not exist and the lookup throws: that
 * counts as development, as an unbundled page is one.
 *
 * @example
 * ```ts
 * if (isDevelopment()) logger.warn('wirestate: ...')
 * ```
 */
export function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production'
  } catch {
    return true
  }
}
