import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url))

/**
 * The `wirestate-server` CLI running from `src/` in a child process.
 *
 * @example
 * ```ts
 * const cli = await startCli(['--port', '0'])
 * const ws = new WebSocket(`${cli.url}?vsn=2.0.0&user=alice`)
 * await cli.stop()
 * ```
 */
export interface CliProcess {
  readonly child: ChildProcess
  /** `ws://127.0.0.1:PORT/socket/websocket` */
  readonly url: string
  /** Every stdout and stderr line so far. */
  readonly lines: string[]
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>
}

/**
 * Starts the CLI (`node --conditions=@wirestate/source src/cli.ts ...args`) and
 * resolves once it prints the URL it listens on.
 *
 * @example
 * ```ts
 * const cli = await startCli(['--port', '0'])
 * ```
 */
export function startCli(args: string[]): Promise<CliProcess> {
  const child = spawn(process.execPath, ['--conditions=@wirestate/source', 'src/cli.ts', ...args], {
    cwd: PACKAGE_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line)
        const found = /listening on (ws:\/\/\S+)/.exec(line)
        if (found?.[1]) resolve({ child, url: found[1], lines, stop })
      }
    }
    const stop = async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    exited.then((code) => reject(new Error(`cli exited with ${code}:\n${lines.join('\n')}`)))
    setTimeout(() => reject(new Error(`cli did not start:\n${lines.join('\n')}`)), 10_000).unref()
  })
}
