import { execFile } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'

// The README's first examples, as a user would copy them: each binding's example is
// written twice into a folder of that binding's test/ (so its Vitest config, its plugins
// and its dependencies apply), and the binding's Vitest runs both copies one after the
// other in a single worker (no isolation between files), so what one copy's tests leave
// behind (a client still connected, presence, a rule) would show in the next test.

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url))
const BINDINGS = ['react', 'vue', 'svelte'] as const
type Binding = (typeof BINDINGS)[number]

interface Example {
  readonly binding: string
  readonly file: string
  readonly code: string
}

// <!-- example: react who-is-here.test.tsx --> then a fenced block.
const EXAMPLE = /<!-- example: (\w+) (\S+) -->\n```\w+\n([\s\S]*?)\n```/g

async function examplesOf(readme: string): Promise<Example[]> {
  const text = await readFile(join(PACKAGES, readme), 'utf8')
  return [...text.matchAll(EXAMPLE)].map(([, binding, file, code]) => ({
    binding: binding as string,
    file: file as string,
    code: `${code}\n`,
  }))
}

const kit = await examplesOf('testing/README.md')

test('the test kit README has a whole example per binding, and each binding README the same', async () => {
  expect(kit.map((e) => `${e.binding} ${e.file}`)).toEqual([
    'react who-is-here.test.tsx',
    'vue who-is-here.test.ts',
    'svelte WhoIsHere.svelte',
    'svelte who-is-here.test.ts',
  ])
  for (const binding of BINDINGS) {
    const own = await examplesOf(`${binding}/README.md`)
    expect(own).toEqual(kit.filter((e) => e.binding === binding))
  }
})

for (const binding of BINDINGS) {
  test(`the ${binding} example passes twice in a row in one process`, async () => {
    const files = kit.filter((e) => e.binding === binding)
    const testsPerCopy = files.reduce((n, e) => n + (e.code.match(/^test\(/gm)?.length ?? 0), 0)
    expect(testsPerCopy).toBeGreaterThanOrEqual(2)
    const report = await runTwice(binding, files)
    expect(report.failures).toEqual([])
    expect(report.files).toBe(2)
    expect(report.passed).toBe(2 * testsPerCopy)
  }, 120_000)
}

interface Report {
  files: number
  passed: number
  failures: string[]
}

async function runTwice(binding: Binding, files: readonly Example[]): Promise<Report> {
  const root = join(PACKAGES, binding)
  const dir = join(root, 'test', `readme-example-${process.pid}`)
  const output = join(dir, 'report.json')
  try {
    for (const copy of ['first', 'second']) {
      for (const { file, code } of files) {
        await mkdir(join(dir, copy), { recursive: true })
        await writeFile(join(dir, copy, file), code)
      }
    }
    await promisify(execFile)(
      process.execPath,
      [
        vitestBin(root),
        'run',
        dir,
        ...['--no-isolate', '--no-file-parallelism', '--maxWorkers=1'],
        ...['--reporter=json', `--outputFile.json=${output}`],
      ],
      { cwd: root, env: outsideVitest(), timeout: 100_000 },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      // A failing test exits 1: the report says which; anything else is thrown below.
      if (!error.stdout?.includes('"numFailedTests"')) throw error
    })
    return summarize(JSON.parse(await readFile(output, 'utf8')))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

interface JsonReport {
  numPassedTests: number
  testResults: {
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[]
  }[]
}

function summarize(json: JsonReport): Report {
  const failures = json.testResults.flatMap((file) =>
    file.assertionResults
      .filter((t) => t.status !== 'passed')
      .map((t) => `${t.fullName}: ${t.failureMessages.join('\n')}`),
  )
  return { files: json.testResults.length, passed: json.numPassedTests, failures }
}

function vitestBin(root: string): string {
  const require = createRequire(join(root, 'package.json'))
  return join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs')
}

// The child is a Vitest of its own, not a worker of this one.
function outsideVitest(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'TEST'),
  )
}
