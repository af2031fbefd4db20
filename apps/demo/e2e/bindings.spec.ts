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

  // @mentions are marked up alike on the three pages, and "mine" where it names you.
  await say(react.page, '@vera and @sven, hello')
  for (const [page, mine] of [
    [react.page, []],
    [vue.page, ['@vera']],
    [svelte.page, ['@sven']],
  ] as const) {
    const row = page.locator('.messages li').last()
    await expect(row.locator('.body')).toHaveText('@vera and @sven, hello')
    await expect(row.locator('.mention')).toHaveText(['@vera', '@sven'])
    await expect(row.locator('.mention.mine')).toHaveText([...mine])
  }

  // A draft over the limit stays in the box with the reason, on every page.
  for (const page of pages) {
    const box = page.getByLabel('Message', { exact: true })
    await box.fill('y'.repeat(2_003))
    await box.press('Enter')
    await expect(page.locator('.composer-note .problem')).toHaveText(
      'Too long by 3 characters: the limit is 2,000.',
    )
    await expect(box).toHaveValue('y'.repeat(2_003))
    await box.fill('')
  }
  await expect(bodies(svelte.page)).toHaveCount(4)

  // Typing from Svelte shows in Vue; leaving the Vue page shows in React and Svelte.
  await svelte.page.getByLabel('Message', { exact: true }).fill('hm')
  await expect(vue.page.locator('.typing')).toHaveText('sven is typing…')
  await vue.context.close()
  for (const page of [react.page, svelte.page]) {
    await expect(people(page)).toHaveText(['rhea', 'sven'])
  }
})
