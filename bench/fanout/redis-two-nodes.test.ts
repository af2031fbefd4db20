import { expect, test } from 'vitest'
import { measureTwoNodes } from './redis-two-nodes.ts'

// The two-node figures only mean something if every subscriber got every message
// on every path: a tiny run on a real redis-server, nothing timed.
test('two nodes on Redis: every path delivers every message to every subscriber', async () => {
  const figures = await measureTwoNodes({ subscribers: 5, messages: 20, rate: 200, rounds: 1 })
  for (const mode of ['pubsub', 'stream', 'xread'] as const) {
    expect(figures[mode].map((f) => f.lost)).toEqual([0])
  }
  expect(figures.stream[0]?.commandsPerMessage).toBeLessThan(
    figures.xread[0]?.commandsPerMessage ?? 0,
  )
}, 60_000)
