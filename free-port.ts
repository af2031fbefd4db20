import { createServer } from 'node:net'

/**
 * A TCP port free on 127.0.0.1 right now, for the servers tests and benchmarks start
 * (never a fixed port: several suites, and several engineers, run at once). The OS picks
 * it; the probe is closed before the port is returned.
 *
 * @example
 * ```ts
 * import { freePort } from '../../free-port.ts'
 * const port = await freePort()
 * ```
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}
