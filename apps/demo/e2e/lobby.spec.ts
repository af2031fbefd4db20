import { expect, type Page, test } from '@playwright/test'
import { enterRoom, person, signIn, uniqueRoom } from './demo-user.ts'

function roomCount(page: Page, room: string) {
  return page.getByRole('list', { name: 'Rooms' }).locator(`[data-room="${room}"] .room-count`)
}

test('the lobby lists rooms with how many people are in each, live', async ({ browser }) => {
  const room = uniqueRoom('lobby')
  const watcher = await signIn(browser, 'wendy')
  await expect(watcher.page.getByRole('heading', { name: 'Rooms' })).toBeVisible()
  for (const name of ['general', 'random', 'help']) {
    await expect(watcher.page.locator(`[data-room="${name}"]`)).toBeVisible()
  }
  await expect(watcher.page.locator(`[data-room="${room}"]`)).toHaveCount(0)

  // A new room, opened by name, is listed once someone is in it.
  const xavier = await signIn(browser, 'xavier')
  await xavier.page.getByLabel('Room name').fill(room)
  await xavier.page.getByRole('button', { name: 'Open room' }).click()
  await expect(person(xavier.page, 'xavier')).toBeVisible()
  await expect(roomCount(watcher.page, room)).toHaveText('1 person')

  const yara = await signIn(browser, 'yara')
  await enterRoom(yara, room)
  await expect(roomCount(watcher.page, room)).toHaveText('2 people')

  // Back to the lobby: counted out of the room, still online.
  await xavier.page.getByRole('link', { name: 'Lobby' }).click()
  await expect(roomCount(watcher.page, room)).toHaveText('1 person')
  await expect(roomCount(xavier.page, room)).toHaveText('1 person')

  // Leaving the site altogether.
  await yara.context.close()
  await expect(watcher.page.locator(`[data-room="${room}"]`)).toHaveCount(0)
})
