import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * One `wirestate-server` node running as its own process (the CLI on `src/`),
 * for tests that need real processes: two nodes on one Redis, `kill -9`.
 *
 * @example
 * ```ts
 * const node = await startServerNode(['--redis', redis.url])
 * const socket = new Socket(node.socketUrl, { transport: WebSocket })
 * await node.kill('SIGKILL')
 * ```
 */
export interface ServerNode {
  readonly port: number
  /** The phoenix.js endpoint: `ws://127.0.0.1:<port>/socket`. */
  readonly socketUrl: string
  /** Everything the process printed so far, for failure messages. */
  output(): string
  /** Sends `signal` and resolves once the process has exited. Idempotent. */
  kill(signal: NodeJS.Signals): Promise<void>
}

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url))
const START_TIMEOUT_MS = 10_000
const LISTENING = /listening on (ws:\/\/[^\s/]+:(\d+))(\/\S*)?/i

/**
 * Starts the CLI with `--port 0` plus `args`, and resolves once it has printed
 * the port it listens on. Fails with the process output if it exits or does not
 * say so within 10 s. The process is killed if the test process exits first.
 *
 * @example
 * ```ts
 * const [a, b] = await Promise.all([startServerNode(redisArgs), startServerNode(redisArgs)])
 * ```
 */
export async function startServerNode(args: readonly string[]): Promise<ServerNode> {
  return startNodeScript(CLI, ['--port', '0', ...args])
}

/**
 * Starts one node per entry of `argsPerNode`, in parallel. All up, or none: when one
 * fails, the others are killed and its error is thrown.
 *
 * @example
 * ```ts
 * const [a, b] = await startServerNodes([['--redis', redis.url], ['--redis', redis.url]])
 * ```
 */
export async function startServerNodes(
  argsPerNode: readonly (readonly string[])[],
): Promise<ServerNode[]> {
  const started = await Promise.allSettled(argsPerNode.map((args) => startServerNode(args)))
  const nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
  const failed = started.find((s) => s.status === 'rejected')
  if (failed) {
    await Promise.all(nodes.map((n) => n.kill('SIGKILL')))
    throw failed.reason
  }
  return nodes
}

/**
 * Runs another node script (on `src/`) the same way: it must print
 * `listening on ws://HOST:PORT...` once it serves.
 *
 * @example
 * ```ts
 * const node = await startNodeScript(fileURLToPath(new URL('./chaos/chaos-node.ts', import.meta.url)), [redis.url])
 * ```
 */
export async function startNodeScript(
  script: string,
  args: readonly string[],
): Promise<ServerNode> {
  const child = spawn(process.execPath, ['--conditions=@wirestate/source', script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  const exited = new Promise<void>((resolve) => {
    // A process that never started emits 'error' and no 'exit'.
    child.once('exit', () => resolve())
    child.once('error', () => resolve())
  })
  void exited.then(() => process.off('exit', killOnExit))
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk
  })
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  try {
    const port = await listeningPort(child, () => output)
    return { port, socketUrl: `ws://127.0.0.1:${port}/socket`, output: () => output, kill }
  } catch (error) {
    await kill('SIGKILL')
    throw error
  }
}

function listeningPort(child: ChildProcess, output: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new Error(`server node did not print its port in ${START_TIMEOUT_MS} ms:\n${output()}`),
      )
    }, START_TIMEOUT_MS)
    const check = () => {
      const match = LISTENING.exec(output())
      if (!match) return
      clearTimeout(timer)
      child.stdout?.off('data', check)
      resolve(Number(match[2]))
    }
    child.stdout?.on('data', check)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`server node exited (${code ?? signal}) before listening:\n${output()}`))
    })
  })
}
