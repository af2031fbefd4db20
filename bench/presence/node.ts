// bench/presence in Node: pnpm --filter @wirestate/bench presence
//   [-- --members 5000,50000 --diffs 20000,2000 --rounds 3]
// One report per member count (the diffs list pairs with it: phoenix.js lists the whole room
// on every sync, so at 50,000 members fewer diffs keep a round under a minute).
import { parseArgs } from 'node:util'
import { benchArgs } from '../cli-args.ts'
import { benchPresence, formatPresence } from './bench.ts'

const { values } = parseArgs({
  args: benchArgs(),
  options: {
    members: { type: 'string', default: '5000,50000' },
    diffs: { type: 'string', default: '20000,2000' },
    rounds: { type: 'string', default: '3' },
  },
})
const list = (text: string) => text.split(',').map(Number)
const [members, diffs, rounds] = [list(values.members), list(values.diffs), Number(values.rounds)]
for (const [i, count] of members.entries()) {
  const n = diffs[i] ?? (diffs.at(-1) as number)
  const results = await benchPresence(count, n, rounds)
  console.log(formatPresence(`Node ${process.version}`, count, n, rounds, results))
}
