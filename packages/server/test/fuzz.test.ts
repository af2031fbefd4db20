import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliProcess, startCli } from './cli-process.ts'
import { RawClient } from './raw-client.ts'

// Fuzzes the real CLI process: a crash would end the child, which the checks
// between batches see; its last-resort handlers print "uncaught"/"unhandled" for
// anything a guard missed, which must never appear.

const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`
const hostilePayloads = [
  { since: '9999999999999999-9999999999999999' },
  { since: { $gt: 0 } },
  { since: '-1-0' },
  { presence: { phx_ref: 'forged', phx_ref_prev: 'x', big: 'y'.repeat(5000) } },
  JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}'),
  { body: '@a @b @c @d @e @f @g @h @i @j @k @l @m', client_id: 'z'.repeat(100) },
  { before: '0-0', limit: 1e12 },
  { limit: -5, before: ['x'] },
  { typing: { toString: 1 } },
  { body: '\ud800 lone surrogate' },
]
const refArb = fc.oneof(
  fc.constant(null),
  fc.constantFrom('1', '2', '3'),
  fc.string({ maxLength: 6 }),
)
const topicArb = fc.oneof(
  fc.constantFrom(
    'room:lobby',
    'room:fuzz',
    'phoenix',
    'user:fuzzer:notifications',
    'user:x:notifications',
    '',
    'room:',
  ),
  fc.string({ maxLength: 300 }),
)
const eventArb = fc.oneof(
  fc.constantFrom(
    'phx_join',
    'phx_leave',
    'heartbeat',
    'new_msg',
    'typing',
    'history',
    'presence_update',
  ),
  fc.constantFrom(
    'phx_reply',
    'phx_error',
    'phx_close',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
  ),
  fc.string({ maxLength: 300 }),
)
const payloadArb = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(...hostilePayloads))
type FuzzFrame = { data: string | Uint8Array; binary: boolean }
const text = (data: string): FuzzFrame => ({ data, binary: false })

// Pushes on the topics the fuzzer joined, with the right join_ref: they reach handlers.
const joinedTopicArb = fc.constantFrom(
  ['1', 'room:lobby'],
  ['2', 'room:fuzz'],
  ['3', 'user:fuzzer:notifications'],
)
const handledArb: fc.Arbitrary<FuzzFrame> = fc
  .tuple(joinedTopicArb, refArb, eventArb, payloadArb)
  .map(([[joinRef, topic], ref, event, payload]) =>
    text(JSON.stringify([joinRef, ref, topic, event, payload])),
  )

// Frames the codec accepts, so they reach the routing and the handlers.
const decodableArb: fc.Arbitrary<FuzzFrame> = fc.oneof(
  { weight: 8, arbitrary: handledArb },
  {
    weight: 8,
    arbitrary: fc
      .tuple(refArb, refArb, topicArb, eventArb, payloadArb)
      .map((f) => text(JSON.stringify(f))),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(refArb, refArb, topicArb, eventArb, fc.uint8Array({ maxLength: 64 }))
      .map(([joinRef, ref, topic, event, data]) => {
        const fields = [joinRef ?? '', ref ?? '', topic, event].map((f) =>
          Buffer.from(f).subarray(0, 255),
        )
        const header = Buffer.from([0, ...fields.map((f) => f.length)])
        return { data: Buffer.concat([header, ...fields, data]), binary: true }
      }),
  },
  { weight: 1, arbitrary: fc.constant(text(`[null,"1","room:lobby","new_msg",${deep(20_000)}]`)) },
)
// Frames that end the connection (1011, 1009, 1007): sent last in a batch.
const fatalArb: fc.Arbitrary<FuzzFrame> = fc.oneof(
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 8 }).map((f) => text(JSON.stringify(f))),
  fc
    .tuple(fc.integer(), fc.boolean(), topicArb, eventArb, payloadArb)
    .map((f) => text(JSON.stringify(f))),
  fc.jsonValue().map((value) => text(JSON.stringify(value))),
  fc.string({ unit: 'binary', maxLength: 200 }).map(text),
  fc.uint8Array({ maxLength: 400 }).map((data) => ({ data, binary: true })),
  fc.uint8Array({ maxLength: 100 }).map((data) => ({ data, binary: false })),
  fc.constantFrom(
    text('x'.repeat(1024 * 1024 + 1)), // over the default maxFrameBytes: 1009
    text(''),
    text(`["1","1","room:lobby","phx_join",${deep(1000)}`),
  ),
)
const batchArb = fc.tuple(
  fc.array(decodableArb, { minLength: 1, maxLength: 40 }),
  fc.option(fatalArb, { nil: undefined }),
)
// Fuzz frames are sent on a socket joined to these first, so they reach handlers.
const joins = [
  ['1', '1', 'room:lobby', 'phx_join', {}],
  ['2', '2', 'room:fuzz', 'phx_join', { since: '1-0' }],
  ['3', '3', 'user:fuzzer:notifications', 'phx_join', {}],
]

let cli: CliProcess
let good: RawClient
let checks = 0

beforeAll(async () => {
  cli = await startCli(['--port', '0'])
  good = await RawClient.connect(`${cli.url}?vsn=2.0.0&user=good`)
  good.send(['1', '1', 'room:lobby', 'phx_join', {}])
  await replyTo(good, '1')
})
afterAll(async () => {
  good.close()
  await cli.stop()
})

// Reads frames until the reply to `ref` arrives (broadcasts from fuzzers pass by).
async function replyTo(client: RawClient, ref: string): Promise<unknown[]> {
  for (;;) {
    const frame = await client.nextJson(3000)
    if (frame[1] === ref && frame[3] === 'phx_reply') return frame
  }
}

async function expectServerHealthy(): Promise<void> {
  checks++
  expect(cli.child.exitCode).toBeNull()
  good.send([null, `hb${checks}`, 'phoenix', 'heartbeat', {}])
  expect((await replyTo(good, `hb${checks}`))[4]).toEqual({ response: {}, status: 'ok' })
  good.send(['1', `m${checks}`, 'room:lobby', 'new_msg', { body: `still here ${checks}` }])
  expect(await replyTo(good, `m${checks}`)).toMatchObject([
    '1',
    `m${checks}`,
    'room:lobby',
    'phx_reply',
    { status: 'ok' },
  ])
}

async function sendBatch(frames: FuzzFrame[]): Promise<void> {
  const fuzzer = await RawClient.connect(`${cli.url}?vsn=2.0.0&user=fuzzer`)
  for (const join of joins) fuzzer.send(join)
  for (const { data, binary } of frames) {
    if (fuzzer.ws.readyState !== fuzzer.ws.OPEN) break
    fuzzer.ws.send(data, { binary })
  }
  await new Promise((resolve) => setTimeout(resolve, 20))
  fuzzer.ws.terminate()
}

describe('fuzzing a live server', () => {
  it('keeps serving a well-behaved client through hostile frames and never crashes', async () => {
    await expectServerHealthy()
    await fc.assert(
      fc.asyncProperty(batchArb, async ([frames, fatal]) => {
        await sendBatch(fatal ? [...frames, fatal] : frames)
        await expectServerHealthy()
      }),
      { numRuns: 60, interruptAfterTimeLimit: 40_000 },
    )
    expect(checks).toBeGreaterThan(10)
    expect(cli.lines.filter((line) => /uncaught|unhandled/.test(line))).toEqual([])
  }, 60_000)

  it('survives many connections that vanish mid-handshake or mid-frame', async () => {
    const { hostname, port } = new URL(cli.url)
    const { connect } = await import('node:net')
    for (let i = 0; i < 30; i++) {
      const socket = connect(Number(port), hostname)
      socket.on('error', () => {})
      socket.write(`GET /socket/websocket?vsn=2.0.0&user=u${i} HTTP/1.1\r\nHost: x\r\n`)
      if (i % 2)
        socket.write('Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n')
      socket.destroy()
    }
    await expectServerHealthy()
    expect(cli.lines.filter((line) => /uncaught|unhandled/.test(line))).toEqual([])
  })
})
