import { expect, test } from '@playwright/test'
import {
  bodies,
  connection,
  enterRoom,
  message,
  people,
  person,
  say,
  signIn,
  uniqueRoom,
} from './demo-user.ts'
import { TestNetwork } from './test-network.ts'

// Offline as a user lives it: Chromium's offline mode (the `offline` event, no new
// connections) over a network that drops the server's end of the socket and freezes the
// browser's (see TestNetwork). The app checks its socket on the `offline` event (one
// heartbeat, answered within 3 s in the demo, else it reconnects): the badge says
// `reconnecting`, what is sent waits in the chat's outbox, shown `queued`.
test('offline: it shows, the other sees the leave, sends queue; back online, what was missed and what was queued arrive once, in order', async ({
  browser,
}) => {
  const room = uniqueRoom('offline')
  const network = new TestNetwork()
  const alice = await signIn(browser, 'olga')
  const bob = await signIn(browser, 'pavel', network)
  await enterRoom(alice, room)
  await enterRoom(bob, room)
  await say(alice.page, 'before the outage')
  await expect(bodies(bob.page)).toHaveText(['before the outage'])
  await expect(people(alice.page)).toHaveText(['olga', 'pavel'])

  await network.down()
  await bob.context.setOffline(true)
  await expect(connection(bob.page)).toHaveText('reconnecting')
  await expect(bob.page.getByRole('alert')).toContainText('Connection lost')
  await expect(person(alice.page, 'pavel')).toHaveCount(0)
  // Bob's people list is the last he saw: it says it may be out of date.
  const bobsPeople = bob.page.getByRole('complementary', { name: 'People here' })
  await expect(bobsPeople.locator('.people-note')).toHaveText('May be out of date: reconnecting…')
  await expect(bobsPeople.locator('ul')).toHaveAttribute('aria-busy', 'true')
  await expect(people(bob.page)).toHaveText(['olga', 'pavel'])

  const missed = ['while you were out 1', 'while you were out 2', 'while you were out 3']
  for (const body of missed) await say(alice.page, body)
  await expect(alice.page.locator('.messages li[data-status=sent]')).toHaveCount(4)
  await say(bob.page, 'typed offline')
  const queued = message(bob.page, 'typed offline')
  await expect(queued).toHaveAttribute('data-status', 'queued')
  await expect(queued.locator('.mark')).toHaveText('queued')
  // Nothing reached bob meanwhile; his message waits at the end of his list.
  await expect(bodies(bob.page)).toHaveText(['before the outage', 'typed offline'])

  network.up()
  await bob.context.setOffline(false)
  await expect(connection(bob.page)).toHaveText('connected')
  const all = ['before the outage', ...missed, 'typed offline']
  for (const { page } of [alice, bob]) {
    await expect(bodies(page)).toHaveText(all)
    await expect(page.locator('.messages li[data-status=sent]')).toHaveCount(all.length)
  }
  await expect(person(alice.page, 'pavel')).toBeVisible()
  await expect(bob.page.getByRole('alert')).toHaveCount(0)
  await expect(bobsPeople.locator('.people-note')).toHaveCount(0)
  await expect(bobsPeople.locator('ul')).toHaveAttribute('aria-busy', 'false')
  // Stored once: sent again only after the reconnect, and only once.
  const sends = bob.framesSent.filter((frame) => frame.includes('typed offline'))
  expect(sends).toHaveLength(1)
})
