// bench/dispatch in Node: pnpm --filter @wirestate/bench dispatch [--frames 200000 --rounds 7]
import { parseArgs } from 'node:util'
import { benchArgs } from '../cli-args.ts'
import { dispatchReport } from './bench.ts'

const { values } = parseArgs({
  args: benchArgs(),
  options: {
    frames: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '7' },
  },
})
console.log(
  await dispatchReport(`Node ${process.version}`, Number(values.frames), Number(values.rounds)),
)
