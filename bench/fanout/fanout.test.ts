import { expect, test } from 'vitest'
import { chatFrames } from '../dispatch/frames.ts'
import { measure, targets } from './measure.ts'

// The benchmark is only meaningful if every subscriber gets every message on both
// servers: a round ends when the worker has counted subscribers x messages deliveries.
for (const target of targets(chatFrames(10).map((f) => (JSON.parse(f) as unknown[])[4]))) {
  test(`${target.name}: 20 subscribers each get all 10 messages, twice`, async () => {
    const result = await measure(target, 20, 2)
    expect(result.median).toBeGreaterThan(0)
  }, 20_000)
}
