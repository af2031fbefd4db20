import { parseArgs } from 'node:util'

/**
 * What the CLI was asked to do.
 *
 * @example
 * ```ts
 * const args: CliArgs = { port: 4000, host: '127.0.0.1', redis: undefined, help: false }
 * ```
 */
export interface CliArgs {
  port: number
  host: string
  redis: string | undefined
  help: boolean
}

/**
 * The CLI's usage text.
 *
 * @example
 * ```ts
 * console.log(USAGE)
 * ```
 */
export const USAGE: string = `Usage: wirestate-server [--port 4000] [--host 127.0.0.1] [--redis redis://127.0.0.1:6379]

Runs the wirestate demo server (Phoenix Channels v2) at ws://HOST:PORT/socket/websocket.
  --port   port to listen on; 0 picks a free one (default 4000)
  --host   interface to listen on (default 127.0.0.1)
  --redis  share messages, history and presence with other nodes through Redis
  --help   print this text`

/**
 * Parses the command line; throws an `Error` whose message says what is wrong.
 *
 * @example
 * ```ts
 * parseCliArgs(['--port', '0']) // { port: 0, host: '127.0.0.1', redis: undefined, help: false }
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  // `pnpm start -- --port 1` passes the `--` through; it means nothing here.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv]
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '4000' },
      host: { type: 'string', default: '127.0.0.1' },
      redis: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535, got ${JSON.stringify(values.port)}`)
  }
  return { port, host: values.host, redis: values.redis, help: values.help }
}
