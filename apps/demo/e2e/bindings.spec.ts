import { expect, test } from '@playwright/test'
import { bodies, enterRoom, openBindingPage, people, say, signIn, uniqueRoom } from './demo-user.ts'

test('the Vue and Svelte pages join the same room as the React app: messages and presence', async ({
  browser,
}) => {
  const room = uniqueRoom('bindings')
  const react = await signIn(browser, 'rhea')
  await enterRoom(react, room)
  const vue = await openBindingPage(browser, 'vue', room, 'vera')
  const svelte = await openBindingPage(browser, 'svelte', room, 'sven')
  const pages = [react.page, vue.page, svelte.page]
  for (const page of pages) await expect(people(page)).toHaveText(['rhea', 'vera', 'sven'])

  const hostile = '<img src=x onerror="window.__xss = 1">'
  await say(react.page, 'from React')
  await expect(bodies(vue.page)).toHaveText(['from React'])
  await say(vue.page, 'from Vue')
  await expect(bodies(svelte.page)).toHaveText(['from React', 'from Vue'])
  await say(svelte.page, hostile)
  const expected = ['from React', 'from Vue', hostile]
  for (const page of pages) {
    await expect(bodies(page)).toHaveText(expected)
    await expect(page.locator('.messages li[data-status=sent]')).toHaveCount(3)
    expect(await page.locator('.messages img').count()).toBe(0)
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
  }

  // Typing from Svelte shows in Vue; leaving the Vue page shows in React and Svelte.
  await svelte.page.getByLabel('Message', { exact: true }).fill('hm')
  await expect(vue.page.locator('.typing')).toHaveText('sven is typing…')
  await vue.context.close()
  for (const page of [react.page, svelte.page]) {
    await expect(people(page)).toHaveText(['rhea', 'sven'])
  }
})
