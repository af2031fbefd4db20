// Renders the counters `npm run chaos` collected (one JSON object per line, from
// packages/server/test/chaos/chaos.ts) as the Markdown table of docs/reliability.md.
//   node scripts/chaos-table.mjs .reports/chaos.jsonl [seconds]
import { readFileSync } from 'node:fs'

const [file, seconds] = process.argv.slice(2)
let lines = []
try {
  lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
} catch {
  console.log('chaos: no results were recorded')
  process.exit(0)
}
console.log(`\n| scenario | counters |\n| --- | --- |`)
for (const { scenario, ...counters } of lines) {
  const shown = Object.entries(counters).map(([name, value]) => `${name} ${value}`)
  console.log(`| ${scenario} | ${shown.join(', ')} |`)
}
const took = seconds ? ` in ${seconds} s` : ''
console.log(
  `\n${lines.length} scenario results${took} (npm run chaos, ${new Date().toISOString().slice(0, 10)})`,
)
