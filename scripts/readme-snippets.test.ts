import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { expect, test } from 'vitest'
import { runCommand } from './command.ts'

// Every TypeScript block of every package README, type-checked against the sources as a
// user would paste it: an API renamed or retyped without its README fails here. Each block
// is a module of its own; the names a fragment takes for granted (`client`, `mock`, a
// `render` of the app's) are ambient declarations, which a block's own imports and
// declarations shadow. A block whose first line names its file (`// vite.config.ts`,
// `// server/socket.ts: ...`) is written there, so another block can import it.
// ```vue and ```svelte blocks are not checked here (they need vue-tsc / svelte-check); the
// whole examples marked `<!-- example: ... -->` also run, in packages/testing.

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
  svelte: {
    ambient: `
      declare module '*.svelte' {
        const component: import('svelte').Component<{ room: string }>
        export default component
      }`,
  },
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

/** The ```ts and ```tsx blocks of a README, in order. */
function blocksOf(markdown: string): Array<{ lang: 'ts' | 'tsx'; code: string }> {
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm
  return [...markdown.matchAll(fence)]
    .filter(([, lang]) => lang === 'ts' || lang === 'tsx')
    .map(([, lang, code]) => ({ lang: lang as 'ts' | 'tsx', code: code as string }))
}

/** `// server/socket.ts: the socket` → `server/socket.ts`; otherwise undefined. */
function namedFile(code: string): string | undefined {
  return /^\/\/ ([\w./-]+\.tsx?)\b/.exec(code)?.[1]
}

for (const [name, readme] of Object.entries(READMES)) {
  test(`the ${name} README's TypeScript blocks compile against the sources`, async () => {
    const pkg = join(ROOT, 'packages', name)
    const out = join(pkg, DIR)
    rmSync(out, { recursive: true, force: true })
    mkdirSync(out)
    const blocks = blocksOf(readFileSync(join(pkg, 'README.md'), 'utf8'))
    const checked = blocks.filter((b) => !readme.skip?.some((line) => b.code.includes(line)))
    expect(checked.length).toBeGreaterThan(0)
    blocks.forEach((block, i) => {
      if (!checked.includes(block)) return
      const file = join(out, namedFile(block.code) ?? `block-${i + 1}.${block.lang}`)
      mkdirSync(dirname(file), { recursive: true })
      // `export {}`: a block without imports is a module too, so its names stay its own.
      writeFileSync(file, `${block.code}\nexport {}\n`)
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
        include: ['**/*.ts', '**/*.tsx'],
      }),
    )
    try {
      const tsc = await runCommand(pkg, 'pnpm', ['exec', 'tsc', '-p', `${DIR}/tsconfig.json`])
      // The errors name the block file and line: block-N is the README's N-th TS block.
      expect(tsc.stdout + tsc.stderr).toBe('')
      expect(tsc.code).toBe(0)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
}
