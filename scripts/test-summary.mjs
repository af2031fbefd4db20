// Totals the JSON reports that every package's test run leaves in `.reports/`
// (vitest and Playwright), adds the repository checks recorded by scripts/test.sh,
// and ends with the one plain line CI reads: `N passed, N failed`.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const rows = []
const packageDirs = ['packages', 'apps']
  .filter((group) => existsSync(join(root, group)))
  .flatMap((group) => readdirSync(join(root, group)).map((name) => `${group}/${name}`))
  .concat('bench', '.') // '.': the repository-level tests of scripts/
for (const where of packageDirs) {
  const dir = join(root, where, '.reports')
  if (!existsSync(dir)) continue
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    rows.push({
      where: where === '.' ? file : `${where} ${file}`,
      ...count(JSON.parse(readFileSync(join(dir, file), 'utf8'))),
    })
  }
}

function count(report) {
  if ('numPassedTests' in report) {
    return { passed: report.numPassedTests, failed: report.numFailedTests }
  }
  // Playwright JSON reporter
  const s = report.stats ?? {}
  return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0) }
}

const checksFile = join(root, '.reports', 'checks.txt')
const checks = existsSync(checksFile)
  ? readFileSync(checksFile, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' '))
  : []

console.log('\nTest reports:')
for (const r of rows) console.log(`  ${r.where.padEnd(44)} ${r.passed} passed, ${r.failed} failed`)
console.log('Checks:')
for (const [result, ...name] of checks) console.log(`  ${name.join(' ').padEnd(44)} ${result}`)
const passed = rows.reduce((n, r) => n + r.passed, 0) + checks.filter(([r]) => r === 'pass').length
const failed = rows.reduce((n, r) => n + r.failed, 0) + checks.filter(([r]) => r !== 'pass').length
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || rows.length === 0 ? 1 : 0)
