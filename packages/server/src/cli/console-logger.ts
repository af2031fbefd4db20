import type { Logger } from '@wirestate/engine'

/**
 * The CLI's logger: one line per event on stdout (problems on stderr), as
 * `event key=value ...`, values JSON-quoted when they contain spaces.
 *
 * @example
 * ```ts
 * consoleLogger.info('join', { conn: 'c1', user: 'alice', topic: 'room:lobby' })
 * // 2026-01-01T00:00:00.000Z join conn=c1 user=alice topic=room:lobby
 * ```
 */
export const consoleLogger: Logger = {
  info: (message, fields) => console.log(line(message, fields)),
  warn: (message, fields) => console.error(line(`warn ${message}`, fields)),
  error: (message, fields) => console.error(line(`error ${message}`, fields)),
}

function line(message: string, fields: Record<string, unknown> = {}): string {
  const parts = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${format(value)}`)
  return [new Date().toISOString(), message, ...parts].join(' ')
}

function format(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return /^[\w:.@/-]+$/.test(text) ? text : JSON.stringify(text)
}
