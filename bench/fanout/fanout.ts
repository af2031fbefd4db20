// bench/fanout: one publisher to N subscribers on loopback, @wirestate/server against a
// naive `ws` broadcast loop (encodes once, `ws.send` per member) in the same run. Each
// server runs alone on core 0, the clients on core 1 (taskset); runs are interleaved
// (the order alternates), and every ratio is wirestate / naive within one round.
// Figures: server CPU per delivery (/proc) flat out and at a fixed rate, delivery
// latency p50/p99 at that rate, peak RSS, RSS and heap per idle joined connection
// (presence on its own line), lost / duplicated / out-of-order deliveries.
//   pnpm --filter @wirestate/bench fanout [-- --subscribers 1000,200 --messages 2000
//     --rate 50 --rate-messages 500 --rounds 3]
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { benchArgs } from '../cli-args.ts'
import { measureRun, pinningAvailable, type RunFigures, type RunPlan } from './measure.ts'
import { formatSize, type SizeResults } from './report.ts'

const { values } = parseArgs({
  args: benchArgs(),
  // pnpm 10 passes on the `--` of `pnpm --filter @wirestate/bench fanout -- --rounds 5`.
  options: {
    subscribers: { type: 'string', default: '1000,200' },
    messages: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '50' },
    'rate-messages': { type: 'string', default: '500' },
    rounds: { type: 'string', default: '3' },
  },
})
const sizes = String(values.subscribers).split(',').map(Number)
const rounds = Number(values.rounds)
const pin = await pinningAvailable()
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

console.log(
  `fanout: ${values.messages} messages flat out, ${values['rate-messages']} at ${values.rate}/s; ` +
    `${rounds} interleaved rounds; ${pin ? 'server on core 0, clients on core 1' : 'NOT pinned (taskset or a 2nd core missing)'}; ` +
    `load average at start ${load()}`,
)
for (const subscribers of sizes) {
  const base: Omit<RunPlan, 'server'> = {
    subscribers,
    flatMessages: Number(values.messages),
    rateMessages: Number(values['rate-messages']),
    rate: Number(values.rate),
    pin,
  }
  const results: SizeResults = { subscribers, naive: [], wirestate: [], presence: [] }
  for (let round = 0; round < rounds; round++) {
    const order =
      round % 2 === 0 ? (['naive', 'wirestate'] as const) : (['wirestate', 'naive'] as const)
    for (const server of order) {
      const figures: RunFigures = await measureRun({ ...base, server })
      results[server].push(figures)
    }
    // Presence costs only at join: its idle memory alone, no broadcast phases.
    const idleOnly = {
      ...base,
      server: 'wirestate-presence' as const,
      flatMessages: 0,
      rateMessages: 0,
    }
    results.presence.push(await measureRun(idleOnly))
  }
  console.log(formatSize(results))
}
console.log(`load average at end ${load()}`)
