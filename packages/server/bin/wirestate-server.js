#!/usr/bin/env node
// The `wirestate-server` command. An installed package runs its build (dist/cli.js). A
// clone of the repository has no build until someone runs one, so there it runs the
// TypeScript sources, with the workspace's `@wirestate/source` export condition added
// for what they import: `pnpm exec wirestate-server` works right after `pnpm install`.
// Plain JavaScript, committed: pnpm links a bin at install time and warns when its file
// is missing, which a bin pointing into dist/ was on every fresh clone.
import { existsSync } from 'node:fs'
import module from 'node:module'

const built = new URL('../dist/cli.js', import.meta.url)

if (existsSync(built)) {
  await import(built.href)
} else {
  // Type stripping is on by default from Node 22.18 / 23.6; registerHooks since 22.15.
  if (!process.features.typescript || typeof module.registerHooks !== 'function') {
    console.error(
      `wirestate-server: not built, and Node ${process.version} cannot run its TypeScript sources.\n` +
        'Use Node 22.18 or later, or build it first: pnpm --filter @wirestate/server build',
    )
    process.exit(1)
  }
  module.registerHooks({
    resolve: (specifier, context, nextResolve) =>
      nextResolve(specifier, {
        ...context,
        conditions: ['@wirestate/source', ...(context.conditions ?? [])],
      }),
  })
  await import(new URL('../src/cli.ts', import.meta.url).href)
}
