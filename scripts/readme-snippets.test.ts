import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { expect, test } from 'vitest'
import { runCommand } from './command.ts'

// Every TypeScript, Vue and Svelte block of every package README, type-checked against the
// sources as a user would paste it (tsc; vue-tsc and svelte-check for components): an API
// renamed or retyped without its README fails here. Each block is a module of its own; the
// names a fragment takes for granted (`client`, `mock`, a `render` of the app's) are ambient
// declarations, which a block's own imports and declarations shadow. A block whose first
// line names its file (`// server/socket.ts: ...`, `<!-- Room.vue; ... -->`) or that follows
// an `<!-- example: binding File.svelte -->` marker is written there, so another block can
// import it.

const ROOT = new URL('..', import.meta.url).pathname
const DIR = '.readme-snippets'

interface Readme {
  /** What a fragment of this README may use without declaring it (a global script). */
  ambient: string
  /** Blocks that are not about wirestate's API and cannot compile here, by a line they hold. */
  skip?: string[]
}

const CLIENT = `declare const client: import('@wirestate/core').Client`
const READMES: Record<string, Readme> = {
  core: {
    ambient: `
      ${CLIENT}
      declare const channel: import('@wirestate/core').Channel
      declare const createClient: typeof import('@wirestate/core').createClient
      declare const presets: typeof import('@wirestate/core').presets
      declare const url: string
      declare const id: string
      declare const badge: HTMLElement
      declare const input: HTMLInputElement
      declare function render(value: unknown): void
      declare function renderList(value: unknown): void
      declare function toast(text: string): void
      declare function showTyping(users: unknown): void
      declare function reloadLatestPage(): void
      declare function append(message: unknown): void`,
  },
  react: {
    ambient: `
      ${CLIENT}
      declare const root: HTMLElement
      declare const createRoot: typeof import('react-dom/client').createRoot
      declare const useState: typeof import('react').useState
      declare const WirestateProvider: typeof import('@wirestate/react').WirestateProvider
      declare function App(): null`,
  },
  vue: {
    ambient: `
      declare const createApp: typeof import('vue').createApp
      declare const Room: import('vue').Component
      declare const useChannel: typeof import('@wirestate/vue').useChannel
      declare const useChannelEvent: typeof import('@wirestate/vue').useChannelEvent
      interface RoomEvents {
        receive: { new_msg: { body: string; user: string } }
        push: { ping: { payload: { at: number }; reply: { pong: number } } }
      }`,
  },
  svelte: { ambient: '' },
  server: {
    ambient: `
      declare const createClient: typeof import('@wirestate/core').createClient
      declare const createServer: typeof import('@wirestate/server').createServer
      declare const RedisBroker: typeof import('@wirestate/server').RedisBroker
      declare const channels: import('@wirestate/server').ServerOptions['channels']
      declare function lookUpUser(token: unknown): { id: string; name: string } | null
      declare function mayRead(user: unknown, topic: string): boolean
      declare function indexForSearch(topic: string, message: unknown): void`,
    // phoenix.js against our server: phoenix's own API, typed by @types/phoenix, not ours.
    skip: ["from 'phoenix'"],
  },
  engine: { ambient: '' },
  testing: {
    ambient: `
      declare const mock: import('@wirestate/testing').MockServer
      declare const serveChat: typeof import('@wirestate/testing').serveChat
      declare const user: { type(element: Element, text: string): Promise<void> }
      declare const input: HTMLInputElement
      declare const expect: typeof import('vitest').expect
      // Testing Library's \`screen\`, where the DOM has a \`screen\` of its own: merged into it.
      interface Screen { getByText(text: string): HTMLElement }`,
    skip: [
      // Vitest browser mode's virtual module: resolved by Vitest, not by tsc.
      "from 'virtual:msw'",
      // The whole example per binding: it runs, in each binding (test/readme-examples.test.ts).
      "from '@testing-library/",
    ],
  },
  devtools: {
    ambient: `
      ${CLIENT}
      declare const url: string
      declare const element: HTMLElement`,
  },
}

type Lang = 'ts' | 'tsx' | 'vue' | 'svelte'
const LANGS: readonly string[] = ['ts', 'tsx', 'vue', 'svelte']

/** The blocks of a README in the languages checked, in order, each with the file it names. */
function blocksOf(markdown: string): Array<{ lang: Lang; code: string; file?: string }> {
  // An optional `<!-- example: binding File.svelte -->` line before the fence names the file.
  const fence = /(?:<!-- example: \w+ (\S+) -->\n)?^```(\w*)\n([\s\S]*?)^```$/gm
  return [...markdown.matchAll(fence)]
    .filter(([, , lang]) => LANGS.includes(lang as string))
    .map(([, example, lang, code]) => ({
      lang: lang as Lang,
      code: code as string,
      file: example ?? namedFile(code as string),
    }))
}

/**
 * The file a block names on its first line: `// server/socket.ts: the socket` or
 * `<!-- Room.vue; main.ts: ... -->`; otherwise undefined.
 */
function namedFile(code: string): string | undefined {
  return /^(?:\/\/|<!--) ([\w./-]+\.(?:tsx?|vue|svelte))\b/.exec(code)?.[1]
}

/** The checker a README's blocks need: Vue and Svelte components have their own. */
function checker(name: string): string[] {
  const project = `${DIR}/tsconfig.json`
  if (name === 'vue') return ['vue-tsc', '-p', project]
  if (name === 'svelte') {
    // svelte-check reads the tsconfig path from inside its workspace.
    return [
      'svelte-check',
      '--workspace',
      DIR,
      '--tsconfig',
      './tsconfig.json',
      '--threshold',
      'error',
    ]
  }
  return ['tsc', '-p', project]
}

for (const [name, readme] of Object.entries(READMES)) {
  test(`the ${name} README's code blocks type-check against the sources`, async () => {
    const pkg = join(ROOT, 'packages', name)
    const out = join(pkg, DIR)
    rmSync(out, { recursive: true, force: true })
    mkdirSync(out)
    const blocks = blocksOf(readFileSync(join(pkg, 'README.md'), 'utf8'))
    const checked = blocks.filter((b) => !readme.skip?.some((line) => b.code.includes(line)))
    expect(checked.length).toBeGreaterThan(0)
    blocks.forEach((block, i) => {
      if (!checked.includes(block)) return
      const file = join(out, block.file ?? `block-${i + 1}.${block.lang}`)
      mkdirSync(dirname(file), { recursive: true })
      // `export {}`: a block without imports is a module too, so its names stay its own.
      const module = block.lang === 'ts' || block.lang === 'tsx'
      writeFileSync(file, module ? `${block.code}\nexport {}\n` : `${block.code}\n`)
    })
    writeFileSync(join(out, 'ambient.d.ts'), `${readme.ambient}\n`)
    writeFileSync(
      join(out, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../tsconfig.base.json',
        compilerOptions: {
          jsx: 'react-jsx',
          allowImportingTsExtensions: true,
          isolatedDeclarations: false,
          declaration: false,
          types: name === 'engine' ? [] : ['node'],
        },
        include: ['**/*.ts', '**/*.tsx', '**/*.vue', '**/*.svelte'],
      }),
    )
    try {
      const [command, ...args] = checker(name) as [string, ...string[]]
      const result = await runCommand(pkg, 'pnpm', ['exec', command, ...args])
      // Errors name the block's file and line: block-N is the README's N-th block checked.
      const errors = (result.stdout + result.stderr)
        .split('\n')
        .filter((line) => /error/i.test(line) && !/ 0 errors/.test(line))
      expect(errors).toEqual([])
      expect(result.code).toBe(0)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
}
