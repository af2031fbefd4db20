import { type Browser, expect, type Page, test } from '@playwright/test'

async function enter(browser: Browser, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto('/')
  await page.fill('#name', name)
  await page.click('#login button')
  await expect(page.locator('#status')).toHaveText('connected')
  await expect(page.locator('#channel-state')).toHaveText('room:lobby joined')
  return page
}

async function send(page: Page, body: string): Promise<void> {
  await page.fill('#body', body)
  await page.press('#body', 'Enter')
}

test('two users in one room see each other’s messages, in order, as text', async ({ browser }) => {
  const alice = await enter(browser, 'alice')
  const bob = await enter(browser, 'bob')
  const hostile = '<img src=x onerror="window.__xss = 1">'
  await send(alice, 'hello from alice')
  await send(bob, hostile)
  await send(alice, 'third')
  const expected = ['alicehello from alice', `bob${hostile}`, 'alicethird']
  for (const page of [alice, bob]) {
    await expect(page.locator('#messages li:not(.pending)')).toHaveText(expected)
    expect(await page.locator('#messages img').count()).toBe(0)
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
  }
  await alice.screenshot({ path: 'test-results/demo-room.png' })
})
