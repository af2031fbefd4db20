// bench/dispatch in Node: pnpm --filter @wirestate/bench dispatch [-- --frames 200000 --rounds 5]
import { parseArgs } from 'node:util'
import { benchDispatch, formatDispatch } from './bench.ts'

const { values } = parseArgs({
  options: {
    frames: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '5' },
  },
})
const count = Number(values.frames)
console.log(
  formatDispatch(
    `Node ${process.version}`,
    count,
    await benchDispatch(count, Number(values.rounds)),
  ),
)
