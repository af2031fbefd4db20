import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../../free-port.ts'

/**
 * A throwaway `redis-server` owned by one test file: loopback only, on a free
 * port, stopped in `afterAll` (and killed if the test process exits first). It
 * can be killed and started again on the same port and data directory, for fault
 * scenarios.
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
  /** Stops it for good and removes its data directory; resolves once it has exited. Idempotent. */
  stop(): Promise<void>
  /** Kills the process with `signal` (it keeps its port and data directory); resolves once exited. */
  kill(signal: NodeJS.Signals): Promise<void>
  /** Starts it again on the same port and directory, after `kill`. */
  start(): Promise<void>
}

/**
 * How a {@link startRedisServer} process keeps its data.
 *
 * @example
 * ```ts
 * const durable = await startRedisServer({ persistence: 'aof' })
 * ```
 */
export interface RedisServerOptions {
  /**
   * `none` (default): nothing on disk, a restart starts empty. `aof`: every write
   * is fsynced to an append-only file before Redis answers it, so a restart —
   * even after SIGKILL — keeps every confirmed write.
   */
  persistence?: 'none' | 'aof'
  /** More `redis-server` arguments (e.g. `['--cluster-enabled', 'yes']`). */
  args?: readonly string[]
  /** A port to use instead of a free one. */
  port?: number
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
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'wirestate-redis-'))
  let lastError: unknown
  // A free port can be taken between probing and binding it; try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await freePort())
    const instance = new RedisInstance(port, dir, redisArgs(port, dir, options))
    try {
      await instance.start()
      return instance
    } catch (error) {
      lastError = error
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || options.port) break
    }
  }
  await rm(dir, { recursive: true, force: true })
  throw lastError
}

function redisArgs(port: number, dir: string, options: RedisServerOptions): string[] {
  const persistence =
    options.persistence === 'aof'
      ? ['--appendonly', 'yes', '--appendfsync', 'always']
      : ['--appendonly', 'no']
  return [
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
    ...persistence,
    ...(options.args ?? []),
    ...['--daemonize', 'no'],
  ]
}

class RedisInstance implements RedisServer {
  readonly port: number
  readonly url: string
  readonly #dir: string
  readonly #args: readonly string[]
  #child: ChildProcess | null = null
  #exited: Promise<void> = Promise.resolve()
  #stopping: Promise<void> | null = null
  #killOnExit = () => this.#child?.kill('SIGKILL')

  constructor(port: number, dir: string, args: readonly string[]) {
    this.port = port
    this.url = `redis://127.0.0.1:${port}`
    this.#dir = dir
    this.#args = args
  }

  async start(): Promise<void> {
    if (this.#child) throw new Error(`redis-server on ${this.port} is already running`)
    const child = spawn('redis-server', this.#args, { stdio: ['ignore', 'pipe', 'pipe'] })
    this.#child = child
    process.once('exit', this.#killOnExit)
    this.#exited = new Promise<void>((resolve) => {
      // A process that never started emits 'error' and no 'exit'.
      const done = () => {
        process.off('exit', this.#killOnExit)
        if (this.#child === child) this.#child = null
        resolve()
      }
      child.once('exit', done)
      child.once('error', done)
    })
    try {
      await ready(child)
    } catch (error) {
      child.kill('SIGKILL')
      await this.#exited
      throw error
    }
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.#child
    if (!child) return
    child.kill(signal)
    // SIGTERM with no save points configured exits at once; a hang is not ours to wait for.
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
    await this.#exited
    clearTimeout(timer)
  }

  stop(): Promise<void> {
    this.#stopping ??= this.kill('SIGTERM').then(() =>
      rm(this.#dir, { recursive: true, force: true }),
    )
    return this.#stopping
  }
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
      child.stdout?.resume() // keep draining, or a chatty server blocks on a full pipe
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
