#!/usr/bin/env node
// The import graph of the workspace's TypeScript sources, from entry files: which
// modules each file reaches (relative imports and the workspace's own packages, read
// from src/), which outside modules it needs, and the import cycles. Used by tests
// (no cycle, no Node built-in in a browser package) and from the command line:
//
//   node scripts/import-graph.mjs packages/testing/src/index.ts   # cycles and externals
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SPECIFIERS =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

/** Where a workspace package's entry points live in its sources, by its exports map. */
function workspaceEntry(specifier) {
  const match = /^@wirestate\/([^/]+)(\/.*)?$/.exec(specifier)
  if (!match) return null
  const dir = join(ROOT, 'packages', match[1])
  const manifest = join(dir, 'package.json')
  if (!existsSync(manifest)) return null
  const exports = JSON.parse(readFileSync(manifest, 'utf8')).exports ?? {}
  const entry = exports[`.${match[2] ?? ''}`]
  const source = typeof entry === 'object' ? entry['@wirestate/source'] : null
  return source ? join(dir, source) : null
}

/**
 * The graph reached from `entries` (paths from the repository root): `modules` maps each
 * file to the files it imports, `externals` each outside specifier to the files that
 * import it. Type-only imports count too: a cycle of types is still a cycle to read.
 */
export function importGraph(entries) {
  const modules = new Map()
  const externals = new Map()
  const queue = entries.map((entry) => resolve(ROOT, entry))
  while (queue.length > 0) {
    const file = queue.pop()
    if (modules.has(file)) continue
    const targets = []
    modules.set(file, targets)
    // Comments out first: prose like "swapping from 'x'" is not an import.
    const text = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '')
    for (const found of text.matchAll(SPECIFIERS)) {
      const specifier = found[1] ?? found[2]
      const target = specifier.startsWith('.')
        ? resolve(dirname(file), specifier)
        : workspaceEntry(specifier)
      if (target) {
        targets.push(target)
        queue.push(target)
      } else {
        const users = externals.get(specifier) ?? []
        users.push(relative(ROOT, file))
        externals.set(specifier, users)
      }
    }
  }
  return { modules, externals }
}

/** The import cycles (strongly connected components of more than one file, or a self-import). */
export function importCycles(modules) {
  const index = new Map()
  const low = new Map()
  const stack = []
  const onStack = new Set()
  const cycles = []
  let counter = 0
  const visit = (file) => {
    index.set(file, counter)
    low.set(file, counter++)
    stack.push(file)
    onStack.add(file)
    for (const next of modules.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(file, Math.min(low.get(file), low.get(next)))
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file), index.get(next)))
    }
    if (low.get(file) !== index.get(file)) return
    const component = []
    let member
    do {
      member = stack.pop()
      onStack.delete(member)
      component.push(relative(ROOT, member))
    } while (member !== file)
    if (component.length > 1 || (modules.get(file) ?? []).includes(file)) cycles.push(component)
  }
  for (const file of modules.keys()) if (!index.has(file)) visit(file)
  return cycles
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { modules, externals } = importGraph(process.argv.slice(2))
  const cycles = importCycles(modules)
  console.log(`${modules.size} modules, ${cycles.length} cycles`)
  for (const cycle of cycles) console.log(`cycle: ${cycle.join(' -> ')}`)
  console.log(`externals: ${[...externals.keys()].sort().join(', ') || 'none'}`)
  process.exitCode = cycles.length > 0 ? 1 : 0
}
