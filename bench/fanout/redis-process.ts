import { type ChildProcess, spawn } from 'node:child_process'
import { freePort } from '../../free-port.ts'

/** A `redis-server` for one benchmark run: loopback, no persistence, a free port. */
export interface RedisProcess {
  readonly url: string
  stop(): Promise<void>
}

/** Starts `redis-server` from PATH and resolves once it accepts connections. */
export async function startRedisProcess(): Promise<RedisProcess> {
  const port = await freePort()
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'inherit'] })
  const kill = () => child.kill('SIGKILL')
  process.once('exit', kill)
  await ready(child)
  const exited = new Promise((resolve) => child.once('exit', resolve))
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      process.off('exit', kill)
      child.kill('SIGTERM')
      await exited
    },
  }
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = ''
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)))
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk
      if (output.includes('Ready to accept connections')) {
        child.stdout?.removeAllListeners('data')
        child.stdout?.resume()
        resolve()
      }
    })
  })
}
