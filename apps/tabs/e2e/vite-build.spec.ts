// The worker module as `vite build` bundles it: `new SharedWorker(new URL('./worker.js',
// import.meta.url), { type: 'module' })` in the package becomes an emitted worker chunk.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { openTabs, type Stack, startStack, vitePreview } from './stack.ts'

let stack: Stack
let outDir: string
test.beforeAll(async () => {
  const app = await vitePreview()
  outDir = app.outDir
  stack = await startStack(app)
})
test.afterAll(async () => stack?.stop())

test('built by Vite: the worker is emitted, and three tabs share one socket through it', async ({
  browser,
}) => {
  const assets = await readdir(join(outDir, 'assets'))
  expect(assets.filter((file) => file.startsWith('worker')).length).toBeGreaterThan(0)
  const context = await browser.newContext()
  const pages = await openTabs(context, stack.url('bo', 'worker', '&inspect'), 3)
  for (const page of pages) await page.evaluate(() => window.tab.enter('built'))
  const reply = await pages[2]?.evaluate(() => window.tab.say('built', 'from a build'))
  expect(reply).toMatchObject({ id: expect.any(String) })
  for (const page of pages) {
    await expect.poll(() => page.evaluate(() => window.tab.messages('built').length)).toBe(1)
    expect(await page.evaluate(() => window.tab.shared())).toMatchObject({
      holder: 'shared worker',
      tabs: 3,
    })
  }
  expect(stack.counts.sockets).toHaveLength(1)
  expect(stack.counts.joins.get('room:built')).toBe(1)
  await context.close()
})
