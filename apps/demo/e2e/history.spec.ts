import { expect, test } from '@playwright/test'
import { bodies, enterRoom, say, signIn, uniqueRoom } from './demo-user.ts'

test('a room opens on its latest page; “Load older messages” pages back through history', async ({
  browser,
}) => {
  const room = uniqueRoom('history')
  const alice = await signIn(browser, 'hana')
  await enterRoom(alice, room)
  const sent = Array.from({ length: 25 }, (_, i) => `message ${i + 1}`)
  for (const body of sent) await say(alice.page, body)
  await expect(alice.page.locator('.messages li[data-status=sent]')).toHaveCount(25)

  // The demo's page size is 20: a newcomer gets the last 20, then the 5 before them.
  const bob = await signIn(browser, 'ivan')
  await enterRoom(bob, room)
  await expect(bodies(bob.page)).toHaveText(sent.slice(5))
  await bob.page.getByRole('button', { name: 'Load older messages' }).click()
  await expect(bodies(bob.page)).toHaveText(sent)
  await expect(bob.page.getByRole('button', { name: 'Load older messages' })).toHaveCount(0)
})
