// sharedConnection() in its SharedWorker: ten tabs of one browser context, one socket.
import { expect, type Page, test } from '@playwright/test'
import { openTabs, type Stack, startStack } from './stack.ts'

let stack: Stack
test.beforeAll(async () => {
  stack = await startStack()
})
test.afterAll(async () => stack?.stop())

const shared = (page: Page) => page.evaluate(() => window.tab.shared())

test('10 tabs on one room: one socket, one join, the user once, each its own replies', async ({
  browser,
}) => {
  const context = await browser.newContext()
  const pages = await openTabs(context, stack.url('ann', 'worker', '&inspect'), 10)
  for (const page of pages) await page.evaluate(() => window.tab.enter('lobby'))
  // On the server: one socket, one join of the room, ann once with one meta.
  expect(stack.counts.sockets).toHaveLength(1)
  expect(stack.server.connectionCount).toBe(1)
  expect(stack.counts.joins.get('room:lobby')).toBe(1)
  for (const page of pages) {
    await expect.poll(() => page.evaluate(() => window.tab.members('lobby'))).toEqual(['ann'])
    expect(await shared(page)).toEqual({
      type: 'ConnectionShared',
      holder: 'shared worker',
      tabs: 10,
    })
  }

  // Every tab says something at once; each gets its own reply, and sees all ten.
  const replies = await Promise.all(
    pages.map((page, i) => page.evaluate((body) => window.tab.say('lobby', body), `hello ${i}`)),
  )
  const ids = replies.map((reply) => (reply as { id: string }).id)
  expect(new Set(ids).size).toBe(10)
  for (const page of pages) {
    await expect.poll(() => page.evaluate(() => window.tab.messages('lobby').length)).toBe(10)
    const messages = await page.evaluate(() => window.tab.messages('lobby'))
    // The reply each tab got is the id the server gave its own message.
    for (const [i, id] of ids.entries()) {
      expect(messages.find((m) => m.body === `hello ${i}`)?.id).toBe(id)
    }
  }
  expect(stack.counts.sockets).toHaveLength(1)

  // Nine tabs close: the last one keeps the room joined, on the same socket.
  const last = pages.pop() as Page
  const closedAt = Date.now()
  for (const page of pages) await page.close()
  await expect.poll(() => shared(last)).toMatchObject({ tabs: 1 })
  const released = Date.now() - closedAt
  test.info().annotations.push({
    type: 'nine tabs closed, released by the worker in ms',
    description: `${released}`,
  })
  await last.waitForTimeout(1_500) // past the leave delay the closed tabs' topics wait out
  expect(stack.counts.joined('room:lobby')).toBe(1)
  expect(stack.server.connectionCount).toBe(1)
  expect(await last.evaluate(() => window.tab.members('lobby'))).toEqual(['ann'])

  // The last tab lets go of the room: it is left after the leave delay, not before.
  const leftAt = Date.now()
  await last.evaluate(() => window.tab.leave('lobby'))
  await expect.poll(() => stack.counts.joined('room:lobby'), { timeout: 5_000 }).toBe(0)
  const leaveMs = Date.now() - leftAt
  test
    .info()
    .annotations.push({ type: 'last tab let go, room left after ms', description: `${leaveMs}` })
  expect(leaveMs).toBeGreaterThanOrEqual(1_000)

  // Closing the last tab ends the worker, and the socket with it.
  await last.close()
  await expect.poll(() => stack.server.connectionCount).toBe(0)
  expect(stack.counts.sockets).toHaveLength(1)
  await context.close()
})
