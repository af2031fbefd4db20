import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WirestateServer } from '../src/server.ts'
import { type FixtureUser, startFixtureServer } from './phoenix-fixture-server.ts'
import { RawClient, UpgradeRefused } from './raw-client.ts'
import { readTranscript, refNormalizer, type TranscriptLine } from './transcript.ts'

// 09 records Phoenix's v1 (object) serializer: this server speaks v2 only and
// refuses vsn=1.0.0 with HTTP 400, which auth.test.ts checks.
const SCENARIOS = [
  '01_join_push_broadcast.jsonl',
  '02_presence_join_leave.jsonl',
  '03_join_private_rejected.jsonl',
  '04_heartbeat.jsonl',
  '05_connect_rejected_bad_token.jsonl',
  '06_extras_error_crash_stop_binary.jsonl',
  '07_raw_v2_edge_cases.jsonl',
  '08_raw_malformed_frame.jsonl',
  '10_raw_bad_token.jsonl',
]
// After a client's last expected frame, wait this long to catch extra frames.
const SETTLE_MS = 100

let server: WirestateServer<FixtureUser>
beforeAll(async () => {
  server = await startFixtureServer()
})
afterAll(() => server.stop())

describe('frames match the Phoenix 1.7 transcripts', () => {
  for (const name of SCENARIOS) {
    it(name, async () => {
      await replay(readTranscript(name))
    })
  }
})

/**
 * Replays each client's `out` frames in the recorded order and checks that the
 * next frame that client receives is the recorded `in` frame, so order per client
 * is compared exactly; upgrades refused and server closes are checked too.
 */
async function replay(lines: TranscriptLine[]): Promise<void> {
  const clients = new Map<string, RawClient>()
  const normalizeExpected = refNormalizer()
  const normalizeActual = refNormalizer()
  const refused = new Map<string, Promise<unknown>>()
  for (const line of lines) {
    const client = clients.get(line.client)
    if (line.dir === 'event' && line.event === 'connect') {
      const url = localUrl(line.url ?? '')
      const connecting = RawClient.connect(url)
      refused.set(
        line.client,
        connecting.catch((error) => error),
      )
      const opened = await connecting.catch(() => null)
      if (opened) clients.set(line.client, opened)
    } else if (line.dir === 'event' && line.event === 'error') {
      expect(await refused.get(line.client)).toEqual(new UpgradeRefused(403))
    } else if (line.dir === 'out' && client) {
      client.send(line.frame ?? Buffer.from(line.frame_hex ?? '', 'hex'))
    } else if (line.dir === 'in' && client) {
      const expected = line.frame ?? Buffer.from(line.frame_hex ?? '', 'hex')
      const actual = await client.next()
      expect(normalizeActual(actual), `${line.client} at ${line.t_ms} ms`).toEqual(
        normalizeExpected(expected),
      )
    } else if (line.dir === 'event' && line.event === 'close' && client) {
      await expectClose(client, line.code ?? 0)
    }
  }
}

async function expectClose(client: RawClient, code: number): Promise<void> {
  if (code === 1000) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
    expect(client.unread).toEqual([])
    client.close()
  }
  expect((await client.closed).code).toBe(code)
}

function localUrl(recorded: string): string {
  const { search } = new URL(recorded)
  return `${server.url}${search}`
}
