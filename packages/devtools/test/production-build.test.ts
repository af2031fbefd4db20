import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { INSPECT_HOOK } from '@wirestate/core'
import { build as buildLibrary } from 'tsdown'
import { build as buildApp } from 'vite'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import libraryConfig from '../tsdown.config.ts'

// What an app's bundler makes of the published package: the package is built with its
// own tsdown config into a scratch node_modules, then a one-line app is bundled by Vite
// the way a user's production or development build would.
const packageDir = new URL('..', import.meta.url).pathname
let work: string

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wirestate-devtools-'))
  const installed = join(work, 'node_modules/@wirestate/devtools')
  await buildLibrary({
    ...libraryConfig,
    config: false,
    cwd: packageDir,
    outDir: join(installed, 'dist'),
    dts: false,
    logLevel: 'silent',
  })
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
  // As published: the source condition is for this repository's own tests only.
  for (const target of Object.values(manifest.exports))
    delete (target as Record<string, unknown>)['@wirestate/source']
  writeFileSync(join(installed, 'package.json'), JSON.stringify(manifest))
  // The app has core too (the development entry imports the name of its devtools hook).
  symlinkSync(join(packageDir, '../core'), join(work, 'node_modules/@wirestate/core'), 'dir')
}, 30_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))
afterEach(() => {
  delete (globalThis as Record<string, unknown>)[INSPECT_HOOK]
})

interface Bundle {
  dir: string
  files: Record<string, string>
}

/**
 * Bundles `import { mountDevtools } from <specifier>; mountDevtools(globalThis.devtoolsClient)`
 * (or `code`).
 */
async function bundle(
  name: string,
  specifier: string,
  nodeEnv: string,
  conditions?: string[],
  code = `import { mountDevtools } from '${specifier}'\nmountDevtools(globalThis.devtoolsClient)\n`,
): Promise<Bundle> {
  const dir = join(work, name)
  mkdirSync(dir)
  const entry = join(dir, 'main.js')
  writeFileSync(entry, code)
  vi.stubEnv('NODE_ENV', nodeEnv) // what Vite reads to choose the production condition
  try {
    await buildApp({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      resolve: conditions ? { conditions } : {},
      build: {
        outDir: join(dir, 'out'),
        modulePreload: false,
        rollupOptions: { input: entry, external: [/^@wirestate\/core/] },
      },
    })
  } finally {
    vi.unstubAllEnvs()
  }
  const assets = join(dir, 'out/assets')
  const files = Object.fromEntries(
    readdirSync(assets).map((f) => [f, readFileSync(join(assets, f), 'utf8')]),
  )
  return { dir: assets, files }
}

const PANEL_UI = 'wirestate-devtools-session' // a string only the lazily loaded panel UI holds
const SHELL = 'attachShadow' // what the small entry does on mount
const EARLY_BUFFER = 'clientCreated' // what the early buffer's hook is called by core

describe('bundled into an app', () => {
  test('development: a small entry, and the panel UI in a chunk of its own, loaded by import()', async () => {
    const { files } = await bundle('dev', '@wirestate/devtools', 'development')
    const names = Object.keys(files)
    expect(names).toHaveLength(2)
    const entry = names.find((n) => files[n]?.includes(SHELL)) as string
    const lazy = names.find((n) => n !== entry) as string
    expect(files[entry]).not.toContain(PANEL_UI)
    expect(files[entry]).toMatch(
      new RegExp(`import\\(\\s*["'\`]\\./${lazy.replaceAll('.', '\\.')}["'\`]\\s*\\)`),
    )
    expect(files[lazy]).toContain(PANEL_UI)
  }, 30_000)

  test('development: `import "@wirestate/devtools"` alone keeps the early buffer (a side effect)', async () => {
    const { files } = await bundle(
      'dev-bare',
      '@wirestate/devtools',
      'development',
      undefined,
      `import '@wirestate/devtools'\n`,
    )
    expect(Object.values(files).some((code) => code.includes(EARLY_BUFFER))).toBe(true)
  }, 30_000)

  test('production: the `production` condition swaps in the no-op, so no panel code ships at all', async () => {
    const { dir, files } = await bundle('prod', '@wirestate/devtools', 'production')
    const [only, ...others] = Object.values(files)
    expect(others).toEqual([])
    expect(only).not.toContain(SHELL)
    expect(only).not.toContain(PANEL_UI)
    expect(only).not.toContain(EARLY_BUFFER)
    expect(only?.length).toBeLessThan(400)
    // Run: it renders nothing, listens to nothing and installs no hook (nothing buffered).
    const client = { inspect: vi.fn(), connect() {}, disconnect() {} }
    Object.assign(globalThis, { devtoolsClient: client })
    await import(pathToFileURL(join(dir, Object.keys(files)[0] as string)).href)
    expect(client.inspect).not.toHaveBeenCalled()
    expect(INSPECT_HOOK in globalThis).toBe(false)
  }, 30_000)

  test('production, with a bundler that ignores export conditions: the entry mounts nothing at run time', async () => {
    const { dir, files } = await bundle('prod-no-conditions', '@wirestate/devtools', 'production', [
      'module',
      'browser',
    ])
    const entry = Object.keys(files).find((n) => files[n]?.includes(SHELL)) as string
    const client = { inspect: vi.fn(), connect() {}, disconnect() {} }
    Object.assign(globalThis, { devtoolsClient: client })
    // Node has no `document`: a panel that tried to render would throw here.
    await import(pathToFileURL(join(dir, entry)).href)
    expect(client.inspect).not.toHaveBeenCalled()
    expect(INSPECT_HOOK in globalThis).toBe(false) // no early buffer either
  }, 30_000)

  test('@wirestate/devtools/production renders in production builds, still lazily', async () => {
    const { files } = await bundle('prod-forced', '@wirestate/devtools/production', 'production')
    const all = Object.values(files)
    expect(all).toHaveLength(2)
    expect(all.filter((code) => code.includes(SHELL))).toHaveLength(1)
    expect(all.filter((code) => code.includes(PANEL_UI))).toHaveLength(1)
  }, 30_000)
})
