import { expect, type Page, test } from '@playwright/test'
import { enterRoom, openBindingPage, people, say, signIn, uniqueRoom } from './demo-user.ts'

// The pages at a phone's width (390 px) and a desktop's (1280 px): nothing is wider than
// the screen, the people list is at hand (beside the chat, or a drawer under the room's
// name), and a screenshot of each state lands in test-results/ to look at.

/** What sticks out past the right edge of the screen, unless a scroller clips it. */
async function expectFits(page: Page, what: string): Promise<void> {
  const { scrollWidth, width, outside } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const clipped = (e: Element): boolean => {
      for (let a = e.parentElement; a; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true
      }
      return false
    }
    const outside = [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect()
        return r.width > 0 && r.height > 0 && r.right > width + 0.5 && !clipped(e)
      })
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${e.className} (right ${e.getBoundingClientRect().right})`,
      )
    return { scrollWidth: document.documentElement.scrollWidth, width, outside }
  })
  expect(outside, `${what}: elements past the right edge`).toEqual([])
  expect(scrollWidth, `${what}: page width`).toBeLessThanOrEqual(width)
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/layout-${name}.png` })
}

for (const [label, viewport] of [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1280, height: 800 }],
] as const) {
  test.describe(label, () => {
    test.use({ viewport })

    test(`${label}: every page fits the screen; the people list is at hand`, async ({
      browser,
    }) => {
      const room = uniqueRoom(`layout-${label}`)
      const first = await (await browser.newContext()).newPage()
      await first.goto('/')
      await first.getByLabel('Your name').fill('not a name!')
      await expectFits(first, 'first screen')
      await shot(first, `${label}-first-screen`)

      const maya = await signIn(browser, `maya-${label}`)
      await expectFits(maya.page, 'lobby')
      await shot(maya.page, `${label}-lobby`)
      const noah = await signIn(browser, `noah-${label}`)
      await enterRoom(noah, room)
      await maya.page.goto(`/#/room/${room}`)
      await say(noah.page, `@maya-${label} a phone-sized hello, with a longish line to wrap`)
      await say(maya.page, `${'unbroken'.repeat(12)} and a link-like thing https://example.com/a/b`)
      await expect(maya.page.locator('.messages li[data-status=sent]')).toHaveCount(2)

      const list = maya.page.getByRole('complementary', { name: 'People here' })
      const toggle = list.getByRole('button', { name: /^Here now · 2/ })
      if (label === 'desktop') {
        await expect(people(maya.page)).toHaveText([`noah-${label}`, `maya-${label}`])
        await expect(toggle).toBeHidden()
      } else {
        await expect(people(maya.page).first()).toBeHidden()
        await expect(toggle).toHaveAttribute('aria-expanded', 'false')
        await toggle.click()
        await expect(toggle).toHaveAttribute('aria-expanded', 'true')
        await expect(people(maya.page)).toHaveText([`noah-${label}`, `maya-${label}`])
      }
      for (const row of await people(maya.page).all()) await expect(row).toBeInViewport()
      await expect(maya.page.getByLabel('Message', { exact: true })).toBeInViewport()
      await expectFits(maya.page, 'room')
      await shot(maya.page, `${label}-room`)

      await maya.page.getByRole('button', { name: 'Devtools' }).click()
      await expect(maya.page.locator('[data-view=timeline] .row').first()).toBeVisible()
      await expectFits(maya.page, 'room with the devtools')
      await shot(maya.page, `${label}-devtools`)
      await maya.page.getByRole('button', { name: 'Devtools' }).click()
      await maya.page.getByRole('button', { name: /^Notifications/ }).click()
      await expect(maya.page.locator('.bell-panel li')).toHaveCount(1)
      await expect(maya.page.locator('.bell-panel')).toBeInViewport({ ratio: 1 })
      await expectFits(maya.page, 'bell open')

      for (const binding of ['vue', 'svelte'] as const) {
        const user = await openBindingPage(browser, binding, room, `${binding}-${label}`)
        await expect(user.page.locator('.messages li')).toHaveCount(2)
        await expect(user.page.locator('.messages .mention')).toHaveText([`@maya-${label}`])
        await expectFits(user.page, binding)
        await shot(user.page, `${label}-${binding}`)
      }
    })
  })
}
