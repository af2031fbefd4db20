import { afterAll, beforeAll, expect, it } from 'vitest'
import { type CliProcess, startCli } from './cli-process.ts'
import { RawClient } from './raw-client.ts'

// --idle-timeout is what lets a demo show someone leaving soon after their network dies
// (the browser cannot close a socket it cannot reach; only the server can notice).
let cli: CliProcess
beforeAll(async () => {
  cli = await startCli(['--port', '0', '--idle-timeout', '1000'])
})
afterAll(async () => {
  expect(await cli.stop()).toBe(0)
})

it('cuts a silent connection after --idle-timeout and keeps one that heartbeats', async () => {
  const silent = await RawClient.connect(`${cli.url}?vsn=2.0.0&user=silent`)
  const beating = await RawClient.connect(`${cli.url}?vsn=2.0.0&user=beating`)
  let ref = 0
  const beat = setInterval(
    () => beating.send([null, String(++ref), 'phoenix', 'heartbeat', {}]),
    300,
  )
  const started = Date.now()
  const closed = await silent.closed
  const after = Date.now() - started
  clearInterval(beat)
  expect(closed.code).not.toBe(1000)
  expect(after).toBeGreaterThanOrEqual(900)
  expect(after).toBeLessThan(5_000)
  // Still served: its replies (earlier ones first) reach the one to this heartbeat.
  beating.send([null, 'last', 'phoenix', 'heartbeat', {}])
  let reply = await beating.nextJson(2_000)
  for (let i = 0; i < ref && reply[1] !== 'last'; i++) reply = await beating.nextJson(2_000)
  expect(reply).toEqual([null, 'last', 'phoenix', 'phx_reply', { status: 'ok', response: {} }])
  beating.close()
})
