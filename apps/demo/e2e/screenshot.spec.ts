import { expect, test } from '@playwright/test'
import { enterRoom, say, signIn } from './demo-user.ts'

// The README's pictures: a room with two people and a mention, on a desktop with the
// devtools panel open, then the same page at a phone's width with the people drawer open.
// Written to test-results/ on every run; `DEMO_SCREENSHOTS=1` writes docs/ instead.
const target = (name: string) =>
  process.env.DEMO_SCREENSHOTS ? `../../docs/${name}.png` : `test-results/${name}.png`

// Tall enough for the conversation to show above the docked devtools.
test.use({ viewport: { width: 1280, height: 900 } })

test('screenshots: a room with two people and a mention, on a desktop (devtools open) and on a phone', async ({
  browser,
}) => {
  const maya = await signIn(browser, 'maya')
  const noah = await signIn(browser, 'noah')
  await enterRoom(maya, 'general')
  await enterRoom(noah, 'general')
  await say(maya.page, 'Morning! The lobby now shows how many people are in each room.')
  await say(noah.page, '@maya nice — and presence updates the moment someone leaves.')
  await say(maya.page, 'Open the devtools: every frame of this chat is in the timeline.')
  await noah.page.getByLabel('Message', { exact: true }).fill('typing…')
  await expect(maya.page.locator('.typing')).toHaveText('noah is typing…')
  await expect(maya.page.locator('.messages li[data-status=sent]')).toHaveCount(3)
  await expect(maya.page.locator('.bell-count')).toHaveText('1')

  await maya.page.getByRole('button', { name: 'Devtools' }).click()
  const timeline = maya.page.locator('[data-view=timeline] .row')
  await expect(timeline.filter({ hasText: 'new_msg' }).first()).toBeVisible()
  await maya.page.screenshot({ path: target('demo-room') })

  await maya.page.getByRole('button', { name: 'Devtools' }).click()
  await maya.page.setViewportSize({ width: 390, height: 844 })
  await maya.page.getByRole('button', { name: /^Here now · 2/ }).click()
  await expect(maya.page.locator('.people li')).toHaveCount(2)
  await maya.page.screenshot({ path: target('demo-phone') })
})
