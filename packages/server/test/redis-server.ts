import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'

/**
 * A throwaway `redis-server` owned by one test file: loopback only, no
 * persistence, on a free port, stopped in `afterAll` (and killed if the test
 * process exits first).
 *
 * @example
 * ```ts
 * let redis: RedisServer
 * beforeAll(async () => { redis = await startRedisServer() })
 * afterAll(() => redis.stop())
 * ```
 */
export interface RedisServer {
  readonly port: number
  /** `redis://127.0.0.1:<port>` */
  readonly url: string
  /** Shuts it down; resolves once the process has exited. Idempotent. */
  stop(): Promise<void>
}

const READY_TIMEOUT_MS = 5000

/**
 * Starts `redis-server` from PATH on a free loopback port and waits until it
 * accepts connections. Fails (never skips) when the binary is missing.
 *
 * @example
 * ```ts
 * const redis = await startRedisServer()
 * const broker = await RedisBroker.connect({ url: redis.url })
 * ```
 */
export async function startRedisServer(): Promise<RedisServer> {
  let lastError: unknown
  // A free port can be taken between probing and binding it; try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort()
    try {
      return await launch(port)
    } catch (error) {
      lastError = error
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') break
    }
  }
  throw lastError
}

async function launch(port: number): Promise<RedisServer> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
  const child = spawn('redis-server', [...args, '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  const exited = new Promise<void>((resolve) => {
    // A process that never started emits 'error' and no 'exit'.
    child.once('exit', () => resolve())
    child.once('error', () => resolve())
  })
  try {
    await ready(child)
  } catch (error) {
    child.kill('SIGKILL')
    await exited
    process.off('exit', killOnExit)
    throw error
  }
  let stopping: Promise<void> | null = null
  const stop = () => {
    stopping ??= shutdown(child, exited).finally(() => process.off('exit', killOnExit))
    return stopping
  }
  return { port, url: `redis://127.0.0.1:${port}`, stop }
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(
      () => reject(new Error(`redis-server not ready after ${READY_TIMEOUT_MS} ms:\n${output}`)),
      READY_TIMEOUT_MS,
    )
    const settle = (error?: Error) => {
      clearTimeout(timer)
      child.stdout?.removeAllListeners('data')
      if (error) reject(error)
      else resolve()
    }
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk
      if (output.includes('Ready to accept connections')) settle()
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk
    })
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        error.message =
          'redis-server is not installed (not on PATH). Install it with ' +
          '`apt-get install -y redis-server`, or run scripts/system-deps.sh as CI does.'
      }
      settle(error)
    })
    child.once('exit', (code) => settle(new Error(`redis-server exited (${code}):\n${output}`)))
  })
}

async function shutdown(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM') // with no save points configured, redis exits without writing
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
  await exited
  clearTimeout(timer)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(address),
      )
    })
  })
}
