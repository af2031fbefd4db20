import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'

// The panel shows data from the network: no code path may turn it into HTML.
test('the panel source has no HTML sinks', () => {
  const src = new URL('../src', import.meta.url).pathname
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  )
  expect(files.length).toBeGreaterThan(20)
  const sinks =
    /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|createContextualFragment|\beval\(|new Function\(/
  const offenders = files.filter((f) => sinks.test(readFileSync(join(src, f), 'utf8')))
  expect(offenders).toEqual([])
})
