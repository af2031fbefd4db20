// Declared for this module only, so an app that type-checks these sources needs no
// @types/node; what bundlers replace is the expression, whatever its declared type.
declare const process: { env: { NODE_ENV?: string } }

/**
 * Whether the app was built for production. Bundlers replace `process.env.NODE_ENV`
 * (webpack, Vite, Rollup's replace, Next.js) or `import.meta.env.PROD` (Vite) with a
 * constant when building; without a bundler neither exists, the lookups throw, and
 * that counts as development.
 *
 * @example
 * ```ts
 * if (isProduction()) return
 * ```
 */
export function isProduction(): boolean {
  try {
    if (process.env.NODE_ENV === 'production') return true
  } catch {
    // No bundler defined `process`: not a production build of the usual kind.
  }
  try {
    return (import.meta as ImportMeta & { env?: { PROD?: boolean } }).env?.PROD === true
  } catch {
    return false
  }
}
