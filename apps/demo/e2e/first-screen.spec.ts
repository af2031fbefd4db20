import { expect, test } from '@playwright/test'

// The first screen on each page: a name that cannot be used says why, right under it.
for (const path of ['/', '/vue.html?room=general', '/svelte.html?room=general']) {
  test(`an invalid name says why inline (${path})`, async ({ page }) => {
    await page.goto(path)
    const name = page.getByLabel('Your name')
    const enter = page.getByRole('button', { name: 'Enter' })
    const hint = page.locator('.hint')
    await expect(hint).toHaveText('Letters, digits, “_”, “.” or “-”, so others can @mention you.')
    await name.fill('ann b!')
    await expect(hint).toHaveText(
      '“ann b!” has a space, “!”: use letters, digits, “_”, “.” or “-”, so others can @mention you.',
    )
    await expect(hint).toHaveClass(/problem/)
    await expect(name).toHaveAttribute('aria-invalid', 'true')
    await expect(name).toHaveAccessibleDescription(/has a space/)
    await expect(enter).toBeDisabled()
    await name.press('Enter')
    await expect(name).toBeVisible() // still on the first screen
    await name.fill('ann.b')
    await expect(hint).not.toHaveClass(/problem/)
    await expect(name).toHaveAttribute('aria-invalid', 'false')
    await expect(enter).toBeEnabled()
  })
}
