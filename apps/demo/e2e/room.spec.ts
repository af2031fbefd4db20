import { expect, test } from '@playwright/test'
import { bodies, enterRoom, message, people, person, say, signIn, uniqueRoom } from './demo-user.ts'
import { TestNetwork } from './test-network.ts'

test('two users in a room see each other, their messages in order as text, and typing', async ({
  browser,
}) => {
  const room = uniqueRoom('room')
  const alice = await signIn(browser, 'alice')
  const bob = await signIn(browser, 'bob')
  await enterRoom(alice, room)
  await enterRoom(bob, room)
  for (const { page } of [alice, bob]) await expect(people(page)).toHaveText(['alice', 'bob'])
  // Their sockets are not in the pages: each browser's tabs share one in a SharedWorker.
  for (const { socketUrls } of [alice, bob]) {
    expect(socketUrls.filter((url) => url.includes('/socket/websocket'))).toEqual([])
  }

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

test('a message over the length limit is not sent: the box keeps it and says why', async ({
  browser,
}) => {
  const room = uniqueRoom('too-long')
  const alice = await signIn(browser, 'alice3', undefined, { ownSocket: true }) // its frames are read
  await enterRoom(alice, room)
  const box = alice.page.getByLabel('Message', { exact: true })
  const tooLong = 'x'.repeat(2001) // the server's maxBodyLength is 2,000
  await box.fill(tooLong)
  await box.press('Enter')
  await expect(alice.page.locator('.composer-note .problem')).toHaveText(
    'Too long by 1 character: the limit is 2,000.',
  )
  await expect(box).toHaveValue(tooLong)
  await expect(box).toHaveAttribute('aria-invalid', 'true')
  await expect(alice.page.getByRole('button', { name: 'Send' })).toBeDisabled()
  await expect(alice.page.locator('.messages li')).toHaveCount(0)
  expect(alice.framesSent.filter((frame) => frame.includes('"new_msg"'))).toEqual([])
  // One character less is fine: it goes, and the box empties.
  await box.press('Backspace')
  await expect(alice.page.locator('.composer-note')).toHaveText('2,000 / 2,000')
  await box.press('Enter')
  await expect(message(alice.page, 'x'.repeat(2000))).toHaveAttribute('data-status', 'sent')
  await expect(box).toHaveValue('')
})

test('a refused message offers Retry only when the refusal can pass; Edit puts it back in the box', async ({
  browser,
}) => {
  const room = uniqueRoom('refused')
  const network = new TestNetwork()
  const alice = await signIn(browser, 'alice4', network)
  await enterRoom(alice, room)

  // Refused for good (the server's validation): no Retry; Edit, then send the changed text.
  network.refuseNextPush('new_msg', 'invalid message')
  await say(alice.page, 'first try')
  const refused = message(alice.page, 'first try')
  await expect(refused).toHaveAttribute('data-status', 'failed')
  await expect(refused.locator('.mark')).toHaveText('not sent: invalid message')
  await expect(refused.getByRole('button')).toHaveText(['Edit', 'Discard'])
  await refused.getByRole('button', { name: 'Edit' }).click()
  await expect(refused).toHaveCount(0)
  const box = alice.page.getByLabel('Message', { exact: true })
  await expect(box).toHaveValue('first try')
  await box.fill('second try')
  await box.press('Enter')
  await expect(message(alice.page, 'second try')).toHaveAttribute('data-status', 'sent')

  // Refused for a moment (the server's rate limit): Retry sends it again, and it is stored.
  network.refuseNextPush('new_msg', 'rate limited')
  await say(alice.page, 'busy now')
  const limited = message(alice.page, 'busy now')
  await expect(limited.locator('.mark')).toHaveText('not sent: rate limited')
  await expect(limited.getByRole('button')).toHaveText(['Retry', 'Discard'])
  // The refused send never reached the server: this one is stored, once.
  await limited.getByRole('button', { name: 'Retry' }).click()
  await expect(limited).toHaveAttribute('data-status', 'sent')
  await expect(bodies(alice.page)).toHaveText(['second try', 'busy now'])

  // Discard drops a failed one for good.
  network.refuseNextPush('new_msg', 'invalid message')
  await say(alice.page, 'never mind')
  await message(alice.page, 'never mind').getByRole('button', { name: 'Discard' }).click()
  await expect(bodies(alice.page)).toHaveText(['second try', 'busy now'])
})
