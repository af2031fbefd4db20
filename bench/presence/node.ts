// bench/presence in Node: pnpm --filter @wirestate/bench presence [-- --members 5000 --diffs 20000 --rounds 3]
import { parseArgs } from 'node:util'
import { benchPresence, formatPresence } from './bench.ts'

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '5000' },
    diffs: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '3' },
  },
})
const [members, diffs, rounds] = [values.members, values.diffs, values.rounds].map(Number) as [
  number,
  number,
  number,
]
const results = await benchPresence(members, diffs, rounds)
console.log(formatPresence(`Node ${process.version}`, members, diffs, rounds, results))
