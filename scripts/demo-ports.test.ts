import { createServer, type Server } from 'node:net'
import { afterEach, expect, test } from 'vitest'
import { runCommand } from './command.ts'

// `npm start` (scripts/demo.sh) with a port already taken: it stops before starting
// anything, with one line naming the port and the variable that moves it (one port: the
// app and its socket are one Vite server).

const ROOT = new URL('..', import.meta.url).pathname
const held: Server[] = []

afterEach(async () => {
  await Promise.all(held.splice(0).map((s) => new Promise((resolve) => s.close(resolve))))
})

/** Listens on a free port of 127.0.0.1, counting who connects; resolves with the port. */
async function holdPort(): Promise<{ port: number; connections: () => number }> {
  let connections = 0
  const server = createServer((socket) => {
    connections++
    socket.destroy()
  })
  held.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { port: (server.address() as { port: number }).port, connections: () => connections }
}

test('DEMO_PORT taken: npm start stops with one line naming the port and DEMO_PORT', async () => {
  const taken = await holdPort()
  const env = { DEMO_PORT: String(taken.port) }
  const { code, stdout, stderr } = await runCommand(ROOT, 'bash', ['scripts/demo.sh'], env)
  expect(code).toBe(1)
  const said = stderr.trim().split('\n')
  expect(said).toHaveLength(1)
  expect(said[0]).toMatch(
    new RegExp(
      `^demo: port ${taken.port} is already in use; DEMO_PORT moves it: try DEMO_PORT=\\d+ npm start$`,
    ),
  )
  // Nothing started and nothing talked to the port's owner: no URLs, no stack traces.
  expect(stdout).not.toMatch(/http:|ws:|listening|Error|\n\s+at /)
  expect(taken.connections()).toBe(0)
})

test('a value that is not a port says so', async () => {
  const { code, stderr } = await runCommand(ROOT, 'bash', ['scripts/demo.sh'], {
    DEMO_PORT: 'four-thousand',
  })
  expect(code).toBe(1)
  expect(stderr.trim()).toBe('demo: DEMO_PORT=four-thousand is not a port number (1-65535)')
})
