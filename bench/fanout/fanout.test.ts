import { expect, test } from 'vitest'
import { measureRun } from './measure.ts'

// The benchmark only means something if every subscriber gets every message once, in
// order, on both servers: a tiny run of every phase, nothing timed or compared.
for (const server of ['naive', 'wirestate'] as const) {
  test(`${server}: 20 subscribers get every message once and in order, flat out and paced`, async () => {
    const run = await measureRun({
      server,
      subscribers: 20,
      flatMessages: 50,
      rateMessages: 20,
      rate: 200,
      pin: false,
    })
    for (const phase of [run.flat, run.rate]) {
      expect(phase).toMatchObject({ lost: 0, duplicated: 0, outOfOrder: 0 })
      expect(phase?.received).toBe(phase?.expected)
      expect(phase?.cpuPerDeliveryUs).toBeGreaterThan(0)
      expect(phase?.p99Ms).toBeGreaterThanOrEqual(phase?.p50Ms ?? Number.NaN)
    }
    expect(run.idleRssKiB).not.toBeNaN()
    expect(run.flat?.peakWaitingMiB === null).toBe(server === 'naive')
  }, 60_000)
}
