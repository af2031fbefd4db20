import { expect, test } from '@playwright/test'
import { bodies, enterRoom, message, people, person, say, signIn, uniqueRoom } from './demo-user.ts'

test('two users in a room see each other, their messages in order as text, and typing', async ({
  browser,
}) => {
  const room = uniqueRoom('room')
  const alice = await signIn(browser, 'alice')
  const bob = await signIn(browser, 'bob')
  await enterRoom(alice, room)
  await enterRoom(bob, room)
  for (const { page } of [alice, bob]) await expect(people(page)).toHaveText(['alice', 'bob'])

  // Typing shows on the other side, and ends with the message.
  await bob.page.getByLabel('Message', { exact: true }).fill('still typ')
  await expect(alice.page.locator('.typing')).toHaveText('bob is typing…')
  await bob.page.getByLabel('Message', { exact: true }).press('Enter')
  await expect(alice.page.locator('.typing')).toHaveText('')

  const hostile = '<img src=x onerror="window.__xss = 1">'
  await say(alice.page, 'hello from alice')
  await say(bob.page, hostile)
  await say(alice.page, 'third')
  const expected = ['still typ', 'hello from alice', hostile, 'third']
  for (const { page } of [alice, bob]) {
    await expect(bodies(page)).toHaveText(expected)
    await expect(page.locator('.messages li[data-status=sent]')).toHaveCount(4)
    expect(await page.locator('.messages img').count()).toBe(0)
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
  }
  await expect(message(bob.page, 'hello from alice').locator('.author')).toHaveText('alice')

  // Leaving the room: the other sees it go (after core's 1 s leave delay).
  await bob.page.getByRole('link', { name: 'Lobby' }).click()
  await expect(person(alice.page, 'bob')).toHaveCount(0)
  await expect(people(alice.page)).toHaveText(['alice'])
})

test('a mention raises the other user’s notification count; opening the bell marks it read', async ({
  browser,
}) => {
  const room = uniqueRoom('mentions')
  const alice = await signIn(browser, 'alice2')
  const bob = await signIn(browser, 'bob2')
  await enterRoom(alice, room)
  const bell = bob.page.getByRole('button', { name: /^Notifications/ })
  await expect(bell).toHaveAccessibleName('Notifications, 0 unread')

  await say(alice.page, 'hey @bob2, look at this')
  await say(alice.page, 'and @nobody-here too')
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread')
  await expect(bell.locator('.bell-count')).toHaveText('1')
  // The author is not notified of their own message.
  await expect(alice.page.getByRole('button', { name: /^Notifications/ })).toHaveAccessibleName(
    'Notifications, 0 unread',
  )

  await bell.click()
  const panel = bob.page.getByRole('region', { name: 'Notifications' })
  await expect(panel.locator('li.unread')).toHaveText(
    `alice2 mentioned you in # ${room}hey @bob2, look at this`,
  )
  await panel.locator('li a').click()
  // The notification leads to the room, and it is read now.
  await expect(person(bob.page, 'bob2')).toBeVisible()
  await expect(bell).toHaveAccessibleName('Notifications, 0 unread')
  await expect(message(bob.page, 'hey @bob2, look at this').locator('.mention.mine')).toHaveText(
    '@bob2',
  )
})

test('a message the server refuses is marked not sent, with retry and discard', async ({
  browser,
}) => {
  const room = uniqueRoom('refused')
  const alice = await signIn(browser, 'alice3')
  await enterRoom(alice, room)
  const sends = () => alice.framesSent.filter((frame) => frame.includes('"new_msg"')).length
  const tooLong = 'x'.repeat(2001) // the server's maxBodyLength is 2,000
  await say(alice.page, tooLong)
  const row = message(alice.page, tooLong)
  await expect(row).toHaveAttribute('data-status', 'failed')
  await expect(row.locator('.mark')).toHaveText('not sent: invalid message')
  expect(sends()).toBe(1)
  await row.getByRole('button', { name: 'Retry' }).click()
  await expect.poll(sends).toBe(2)
  await expect(row).toHaveAttribute('data-status', 'failed')
  await row.getByRole('button', { name: 'Discard' }).click()
  await expect(row).toHaveCount(0)
  await say(alice.page, 'short enough')
  await expect(message(alice.page, 'short enough')).toHaveAttribute('data-status', 'sent')
})
