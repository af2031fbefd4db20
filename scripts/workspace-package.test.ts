import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { runCommand } from './command.ts'

// The first hour of a new user, in CI: a fresh copy of the workspace (no dist/, no
// node_modules/), a new package in it made from examples/workspace-package, one offline
// `pnpm install`, then tsc, Vitest and Vite on that package, and the server's CLI, all
// without building any @wirestate package.

const ROOT = new URL('..', import.meta.url).pathname
const EXAMPLE = join(ROOT, 'examples/workspace-package')
const NAME = 'workspace-package'
/** What a clone does not have: installs, builds, reports, the local toolchain. */
const NOT_IN_A_CLONE = new Set([
  'node_modules',
  '.git',
  'dist',
  '.turbo',
  '.toolchain',
  '.reports',
  'test-results',
  'playwright-report',
  'coverage',
])

let copy: string
let pkg: string
let installOutput: string

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), 'wirestate-workspace-'))
  cpSync(ROOT, copy, {
    recursive: true,
    filter: (source) => !NOT_IN_A_CLONE.has(source.slice(source.lastIndexOf('/') + 1)),
  })
  pkg = join(copy, 'packages', NAME)
  cpSync(EXAMPLE, pkg, { recursive: true })
  addToLockfile(copy, `packages/${NAME}`)
  const install = await runCommand(copy, 'pnpm', ['install', '--offline', '--frozen-lockfile'])
  installOutput = install.stdout + install.stderr
})

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true })
})

test('the copy is a clone: nothing built; pnpm install prints no warning (no bin to a missing file)', () => {
  const built = readdirSync(join(copy, 'packages')).filter((p) =>
    existsSync(join(copy, 'packages', p, 'dist')),
  )
  expect(built).toEqual([])
  expect(installOutput).not.toMatch(/Failed to create bin/)
  expect(installOutput).not.toMatch(/\bWARN\b/)
})

test('tsc type-checks the package (the app, its component test, vite.config.ts)', async () => {
  const { code, stdout } = await runCommand(pkg, 'pnpm', ['exec', 'tsc', '--noEmit', '-p', '.'])
  expect(stdout).toBe('')
  expect(code).toBe(0)
})

test('the app alone type-checks without @types/node (the sources it reads use no Node types)', async () => {
  // Test files pull Node's types in through vitest; the app's own program must not need them.
  writeFileSync(
    join(pkg, 'tsconfig.app.json'),
    JSON.stringify({ extends: './tsconfig.json', include: ['src/main.tsx'] }),
  )
  const args = ['exec', 'tsc', '--noEmit', '-p', 'tsconfig.app.json', '--listFiles']
  const { code, stdout } = await runCommand(pkg, 'pnpm', args)
  const files = stdout.split('\n')
  expect(files.filter((f) => f.includes('@types/node'))).toEqual([])
  expect(files.some((f) => f.endsWith('packages/devtools/src/environment.ts'))).toBe(true)
  expect(files.some((f) => f.endsWith('packages/react/src/devtools.ts'))).toBe(true)
  expect(files.filter((f) => f.includes('error TS'))).toEqual([])
  expect(code).toBe(0)
})

test('vitest runs its component test against @wirestate/testing', async () => {
  const report = join(pkg, 'vitest.json')
  const args = ['exec', 'vitest', 'run', '--reporter=json', `--outputFile=${report}`]
  const { code } = await runCommand(pkg, 'pnpm', args)
  const result = JSON.parse(readFileSync(report, 'utf8'))
  const failures = result.testResults.flatMap((file: { assertionResults: Failure[] }) =>
    file.assertionResults.flatMap((t) => t.failureMessages),
  )
  expect(failures).toEqual([])
  expect({ passed: result.numPassedTests, failed: result.numFailedTests }).toEqual({
    passed: 2,
    failed: 0,
  })
  expect(code).toBe(0)
})

test('vite builds the app from the sources', async () => {
  const { code } = await runCommand(pkg, 'pnpm', ['exec', 'vite', 'build', '--logLevel', 'error'])
  expect(code).toBe(0)
  const assets = join(pkg, 'dist/assets')
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'))
  const bundle = js.map((f) => readFileSync(join(assets, f), 'utf8')).join('\n')
  expect(bundle).toContain('phx_join') // @wirestate/core's Phoenix adapter is in
  expect(bundle).toContain('People') // and the component
  // The production build leaves the devtools panel out (its UI chunk and its styles).
  expect(bundle).not.toContain('wirestate-devtools')
})

test('wirestate-server runs from the root: pnpm exec and npx print its options', async () => {
  for (const [command, args] of [
    ['pnpm', ['exec', 'wirestate-server', '--help']],
    ['npx', ['--no-install', 'wirestate-server', '--help']],
  ] as const) {
    const { code, stdout, stderr } = await runCommand(copy, command, [...args])
    expect(stderr).toBe('')
    expect(stdout).toMatch(/^Usage: wirestate-server /)
    expect(stdout).toContain('--port')
    expect(code).toBe(0)
  }
})

type Failure = { failureMessages: string[] }

/**
 * Adds the new package to the copy's lockfile, so `pnpm install --offline` needs no
 * registry metadata: each dependency takes the resolution another package of the
 * workspace already has (the example uses only versions the workspace uses), and
 * workspace packages link to their folders.
 */
function addToLockfile(workspace: string, importer: string): void {
  const lockPath = join(workspace, 'pnpm-lock.yaml')
  const lock = readFileSync(lockPath, 'utf8')
  const known = lockedVersions(lock)
  const manifest = JSON.parse(readFileSync(join(workspace, importer, 'package.json'), 'utf8'))
  let block = `  ${importer}:\n`
  for (const field of ['dependencies', 'devDependencies']) {
    const deps: Record<string, string> = manifest[field] ?? {}
    block += `    ${field}:\n`
    for (const [name, specifier] of Object.entries(deps).sort()) {
      const version = specifier.startsWith('workspace:')
        ? `link:../${workspaceFolder(workspace, name)}`
        : known.get(`${name}@${specifier}`)
      if (!version) throw new Error(`${name}@${specifier} is not in the workspace's lockfile`)
      block += `      '${name}':\n        specifier: ${specifier}\n        version: ${version}\n`
    }
  }
  writeFileSync(lockPath, lock.replace(/^importers:\n\n/m, `importers:\n\n${block}\n`))
}

/** `name@specifier` → locked version, from every importer of the lockfile. */
function lockedVersions(lock: string): Map<string, string> {
  const found = new Map<string, string>()
  const entry = /^ {6}'?([^':\n]+)'?:\n {8}specifier: (.+)\n {8}version: (.+)$/gm
  for (const [, name, specifier, version] of lock.matchAll(entry)) {
    if (!version?.startsWith('link:')) found.set(`${name}@${specifier}`, version as string)
  }
  return found
}

function workspaceFolder(workspace: string, name: string): string {
  for (const folder of readdirSync(join(workspace, 'packages'))) {
    const file = join(workspace, 'packages', folder, 'package.json')
    if (existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).name === name) return folder
  }
  throw new Error(`no workspace package is named ${name}`)
}
