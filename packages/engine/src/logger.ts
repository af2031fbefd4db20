/**
 * Where the server reports what happens. Fields are plain data; the server never
 * puts connect params or tokens in them.
 *
 * @example
 * ```ts
 * const logger: Logger = { info: console.log, warn: console.warn, error: console.error }
 * ```
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

/**
 * The default: quiet about routine events, loud about problems (stderr).
 *
 * @example
 * ```ts
 * createServer({ logger: quietLogger })
 * ```
 */
export const quietLogger: Logger = {
  info() {},
  warn: (message, fields) => console.warn(`[wirestate] ${message}`, fields ?? ''),
  error: (message, fields) => console.error(`[wirestate] ${message}`, fields ?? ''),
}

/**
 * Says nothing at all; for tests that provoke errors on purpose.
 *
 * @example
 * ```ts
 * createServer({ logger: silentLogger })
 * ```
 */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} }
