import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

const SRC = dirname(fileURLToPath(import.meta.url))

/** Every TypeScript file under src/ (`withTests`: test files too), as absolute paths. */
function sources(withTests = false, dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(withTests, path)
    const test = entry.name.endsWith('.test.ts')
    return entry.name.endsWith('.ts') && (withTests || !test) ? [path] : []
  })
}

/** The relative imports of a file, type-only ones included: a cycle of types is a cycle too. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)].map((m) =>
    resolve(dirname(file), m[1] as string),
  )
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return
    if (state.get(file) === 'visiting') return stack.slice(stack.indexOf(file)).concat(file)
    state.set(file, 'visiting')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of graph.keys()) {
    const cycle = visit(file)
    if (cycle) return cycle
  }
}

test('no import cycle in core (type-only imports included)', () => {
  const graph = new Map(sources().map((file) => [file, importsOf(file)]))
  const cycle = findCycle(graph)?.map((file) => relative(SRC, file))
  expect(cycle).toBeUndefined()
})

test('no file in core/src over 300 lines, tests included', () => {
  const long = sources(true)
    .map(
      (file) =>
        [relative(SRC, file), (readFileSync(file, 'utf8').match(/\n/g) ?? []).length] as const,
    )
    .filter(([, lines]) => lines > 300)
  expect(long).toEqual([])
})
