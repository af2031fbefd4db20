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

for (const how of ['closes', 'crashes'] as const) {
  test(`the leader ${how} mid-stream: another tab takes over, no tab loses or repeats a message`, async ({
    browser,
  }) => {
    const topic = `feed:${how}`
    const sockets = stack.counts.sockets.length
    const context = await browser.newContext()
    const pages = await openTabs(context, stack.url('ann', 'leader', '&inspect'), 4)
    for (const page of pages) await page.evaluate((t) => window.tab.follow(t), topic)
    expect(stack.counts.sockets).toHaveLength(sockets + 1)
    expect(stack.counts.joins.get(topic)).toBe(1)
    const holders = await Promise.all(pages.map(holder))
    expect(holders.filter((h) => h === 'this tab')).toHaveLength(1)
    expect(holders.filter((h) => h === 'another tab')).toHaveLength(3)
    const leader = pages[holders.indexOf('this tab')] as Page
    const followers = pages.filter((page) => page !== leader)

    const cdp = await context.newCDPSession(leader)
    // 1 000 messages, 5 every 10 ms; the leader goes after the first 300.
    let sent = 0
    let closedAt = 0
    const broadcasting = (async () => {
      while (sent < TOTAL) {
        for (let i = 0; i < 5; i++) await stack.server.broadcast(topic, 'tick', { n: ++sent })
        if (sent === 300) {
          closedAt = Date.now()
          if (how === 'closes') void leader.close()
          else void cdp.send('Page.crash').catch(() => {})
        }
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    })()

    // Another tab is elected, opens the socket and rejoins.
    await expect.poll(() => stack.counts.sockets.length).toBe(sockets + 2)
    const reopenedMs = Date.now() - closedAt
    await expect.poll(() => stack.counts.joins.get(topic)).toBe(2)
    const rejoinedMs = Date.now() - closedAt
    await broadcasting
    const expected = Array.from({ length: TOTAL }, (_, i) => i + 1)
    for (const page of followers) {
      await expect.poll(() => page.evaluate((t) => window.tab.ticks(t).length, topic)).toBe(TOTAL)
      expect(await page.evaluate((t) => window.tab.ticks(t), topic)).toEqual(expected)
    }
    const newHolders = await Promise.all(followers.map(holder))
    expect(newHolders.filter((h) => h === 'this tab')).toHaveLength(1)
    await expect.poll(() => stack.server.connectionCount).toBe(1)
    // Every tab saw the hand-over as a reconnect: closed, reconnecting, connected, rejoined.
    const handOvers: number[] = []
    for (const page of followers) {
      expect(await page.evaluate(() => window.tab.status())).toEqual({ status: 'connected' })
      const timeline = await page.evaluate(() =>
        window.tab.timeline(['SocketClosed', 'StatusChanged', 'ChannelJoined']),
      )
      const after = timeline.filter(([time]) => time >= closedAt)
      expect(after.map(([, type]) => type)).toEqual([
        'SocketClosed',
        'StatusChanged',
        'StatusChanged',
        'ChannelJoined',
      ])
      handOvers.push((after[3]?.[0] as number) - closedAt)
    }
    const notes = test.info().annotations
    notes.push({ type: 'new socket on the server after ms (polled)', description: `${reopenedMs}` })
    notes.push({
      type: 'topic joined on the server after ms (polled)',
      description: `${rejoinedMs}`,
    })
    notes.push({ type: 'each tab joined again after ms', description: handOvers.join(', ') })
    await context.close()
  })
}
