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
  await last.evaluate(() => window.tab.enter('probe'))
  const closedAt = Date.now()
  for (const page of pages) await page.close()
  await expect.poll(() => shared(last)).toMatchObject({ tabs: 1 })
  const released = Date.now() - closedAt
  test.info().annotations.push({
    type: 'nine tabs closed, released by the worker in ms',
    description: `${released}`,
  })
  // A probe: the last tab lets go of another room now. Its leave goes on the wire after the
  // leave delay, later than any leave of the lobby the closed tabs' release could cause.
  await last.evaluate(() => window.tab.leave('probe'))
  await expect.poll(() => stack.counts.joined('room:probe'), { timeout: 5_000 }).toBe(0)
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

// In Chromium the SharedWorker runs in the renderer process of the tab that started it:
// that tab's crash takes the worker along; another tab's crash does not.
test('a tab that crashes gives up its topics: the worker hears of it from its lock', async ({
  browser,
}) => {
  const sockets = stack.counts.sockets.length
  const context = await browser.newContext()
  const [first, crashing] = await openTabs(context, stack.url('cy', 'worker', '&inspect'), 2)
  if (!first || !crashing) throw new Error('two tabs')
  await crashing.evaluate(() => window.tab.enter('alone'))
  await first.evaluate(() => window.tab.enter('together'))
  await crashing.evaluate(() => window.tab.enter('together'))
  expect(stack.counts.joined('room:alone')).toBe(1)
  await expect.poll(() => shared(first)).toMatchObject({ tabs: 2 })

  // The renderer dies: no pagehide, no goodbye.
  const crashedAt = Date.now()
  void (await context.newCDPSession(crashing)).send('Page.crash').catch(() => {})
  await expect.poll(() => shared(first)).toMatchObject({ tabs: 1 })
  const releasedMs = Date.now() - crashedAt
  // Its room is left after the leave delay; the one the other tab holds stays joined.
  await expect.poll(() => stack.counts.joined('room:alone'), { timeout: 5_000 }).toBe(0)
  const leftMs = Date.now() - crashedAt
  expect(leftMs).toBeGreaterThanOrEqual(1_000)
  expect(stack.counts.joined('room:together')).toBe(1)
  expect(stack.counts.sockets).toHaveLength(sockets + 1)
  const notes = test.info().annotations
  notes.push({ type: 'crashed tab released after ms (polled)', description: `${releasedMs}` })
  notes.push({ type: 'its lone room left after ms (polled)', description: `${leftMs}` })
  await context.close()
})

test('the tab the worker runs with crashes: the others start a new worker and rejoin', async ({
  browser,
}) => {
  const sockets = stack.counts.sockets.length
  const context = await browser.newContext()
  const [host, staying] = await openTabs(context, stack.url('dx', 'worker', '&inspect'), 2)
  if (!host || !staying) throw new Error('two tabs')
  for (const page of [host, staying]) await page.evaluate(() => window.tab.enter('phoenix'))
  expect(stack.counts.sockets).toHaveLength(sockets + 1)

  const crashedAt = Date.now()
  void (await context.newCDPSession(host)).send('Page.crash').catch(() => {})
  // The worker's lock tells the other tab; it starts a worker, which opens a socket.
  await expect.poll(() => stack.counts.sockets.length).toBe(sockets + 2)
  await expect.poll(() => stack.counts.joins.get('room:phoenix')).toBe(2)
  const rejoinedMs = Date.now() - crashedAt
  await expect
    .poll(() => staying.evaluate(() => window.tab.status()))
    .toEqual({ status: 'connected' })
  expect(await shared(staying)).toEqual({
    type: 'ConnectionShared',
    holder: 'shared worker',
    tabs: 1,
  })
  const reply = await staying.evaluate(() => window.tab.say('phoenix', 'still here'))
  expect(reply).toMatchObject({ id: expect.any(String) })
  expect(stack.server.connectionCount).toBe(1)
  const notes = test.info().annotations
  notes.push({
    type: 'worker crashed: room joined again after ms (polled)',
    description: `${rejoinedMs}`,
  })
  await context.close()
})
