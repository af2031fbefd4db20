// sharedConnection({ mode: 'leader' }): no SharedWorker (as on Android Chrome); a leader tab
// holds the socket and the others talk to it over BroadcastChannels.
import { expect, type Page, test } from '@playwright/test'
import { openTabs, type Stack, startStack } from './stack.ts'

let stack: Stack
test.beforeAll(async () => {
  stack = await startStack()
})
test.afterAll(async () => stack?.stop())

const TOTAL = 1_000
const holder = (page: Page) => page.evaluate(() => window.tab.shared()?.holder)

test('the leader closes mid-stream: another tab takes over, no tab loses or repeats a message', async ({
  browser,
}) => {
  const context = await browser.newContext()
  const pages = await openTabs(context, stack.url('ann', 'leader', '&inspect'), 4)
  for (const page of pages) await page.evaluate(() => window.tab.follow('feed:1'))
  expect(stack.counts.sockets).toHaveLength(1)
  expect(stack.counts.joins.get('feed:1')).toBe(1)
  const holders = await Promise.all(pages.map(holder))
  expect(holders.filter((h) => h === 'this tab')).toHaveLength(1)
  expect(holders.filter((h) => h === 'another tab')).toHaveLength(3)
  const leader = pages[holders.indexOf('this tab')] as Page
  const followers = pages.filter((page) => page !== leader)

  // 1 000 messages, 5 every 10 ms; the leader closes after the first 300.
  let sent = 0
  let closedAt = 0
  const broadcasting = (async () => {
    while (sent < TOTAL) {
      for (let i = 0; i < 5; i++) await stack.server.broadcast('feed:1', 'tick', { n: ++sent })
      if (sent === 300) {
        closedAt = Date.now()
        void leader.close()
      }
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  })()

  // Another tab is elected, opens the socket and rejoins.
  await expect.poll(() => stack.counts.sockets.length).toBe(2)
  const reopenedMs = Date.now() - closedAt
  await expect.poll(() => stack.counts.joins.get('feed:1')).toBe(2)
  const rejoinedMs = Date.now() - closedAt
  await broadcasting
  const expected = Array.from({ length: TOTAL }, (_, i) => i + 1)
  for (const page of followers) {
    await expect.poll(() => page.evaluate(() => window.tab.ticks('feed:1').length)).toBe(TOTAL)
    expect(await page.evaluate(() => window.tab.ticks('feed:1'))).toEqual(expected)
  }
  const newHolders = await Promise.all(followers.map(holder))
  expect(newHolders.filter((h) => h === 'this tab')).toHaveLength(1)
  expect(stack.server.connectionCount).toBe(1)
  test
    .info()
    .annotations.push(
      { type: 'leader closed: new socket after ms', description: `${reopenedMs}` },
      { type: 'leader closed: topic rejoined after ms', description: `${rejoinedMs}` },
    )
  await context.close()
})
