// bench/fanout: one publisher to 1,000 subscribers on loopback. Deliveries per
// second through @wirestate/server against a bare `ws` broadcast loop measured in
// the same run, and the server heap each idle joined connection costs.
//   pnpm --filter @wirestate/bench fanout [-- --subscribers 1000 --messages 200 --rounds 5]
import { parseArgs } from 'node:util'
import { chatFrames } from '../dispatch/frames.ts'
import { measure, targets } from './measure.ts'

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000' },
    messages: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '5' },
  },
})
const subscribers = Number(values.subscribers)
const messages = Number(values.messages)
const rounds = Number(values.rounds)
const payloads = chatFrames(messages).map((f) => (JSON.parse(f) as unknown[])[4])

const results = []
for (const target of targets(payloads)) {
  results.push({ target, ...(await measure(target, subscribers, rounds)) })
}
const [raw, ours] = results as [(typeof results)[0], (typeof results)[0]]
console.log(`fanout: ${subscribers} subscribers x ${messages} messages, median of ${rounds} rounds`)
for (const r of results) {
  console.log(
    `  ${r.target.name.padEnd(24)} ${Math.round(r.median).toLocaleString('en').padStart(12)} deliveries/s` +
      `   heap per idle connection ${(r.perConnection / 1024).toFixed(1)} KiB`,
  )
}
console.log(`  ratio wirestate / raw ws: ${(ours.median / raw.median).toFixed(2)}x`)
