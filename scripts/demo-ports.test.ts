import { createServer, type Server } from 'node:net'
import { afterEach, expect, test } from 'vitest'
import { runCommand } from './command.ts'

// `npm start` (scripts/demo.sh) with a port already taken: it stops before starting
// anything, with one line naming the port and the variable that moves it.

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

/** A port nothing listens on (found by listening on it, then letting it go). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

function isFree(port: number): Promise<boolean> {
  const server = createServer()
  return new Promise((resolve) => {
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

for (const [variable, other] of [
  ['WIRESTATE_PORT', 'DEMO_PORT'],
  ['DEMO_PORT', 'WIRESTATE_PORT'],
] as const) {
  test(`${variable} taken: npm start stops with one line naming the port and ${variable}`, async () => {
    const taken = await holdPort()
    const free = await freePort()
    const env = { [variable]: String(taken.port), [other]: String(free) }
    const { code, stdout, stderr } = await runCommand(ROOT, 'bash', ['scripts/demo.sh'], env)
    expect(code).toBe(1)
    const said = stderr.trim().split('\n')
    expect(said).toHaveLength(1)
    expect(said[0]).toMatch(
      new RegExp(
        `^demo: port ${taken.port} is already in use; ${variable} moves it: try ${variable}=\\d+ npm start$`,
      ),
    )
    // Nothing started and nothing talked to the port's owner: no URLs, no stack traces.
    expect(stdout).not.toMatch(/http:|ws:|listening|Error|\n\s+at /)
    expect(taken.connections()).toBe(0)
    expect(await isFree(free)).toBe(true)
  })
}

test('a value that is not a port says so', async () => {
  const { code, stderr } = await runCommand(ROOT, 'bash', ['scripts/demo.sh'], {
    WIRESTATE_PORT: 'four-thousand',
    DEMO_PORT: String(await freePort()),
  })
  expect(code).toBe(1)
  expect(stderr.trim()).toBe('demo: WIRESTATE_PORT=four-thousand is not a port number (1-65535)')
})
