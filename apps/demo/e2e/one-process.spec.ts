import { expect, test } from '@playwright/test'
import { bodies, enterRoom, people, say, signIn, uniqueRoom } from './demo-user.ts'

// The suite's server is `npm start` itself (playwright.config.ts): one Vite process on one
// port, the socket served beside the pages by @wirestate/server's Vite plugin.
test('npm start is one process on one port: pages and socket share the origin, and two people chat over it', async ({
  browser,
  baseURL,
}) => {
  const origin = new URL(baseURL as string)
  const room = uniqueRoom('one-process')
  // Sockets of their own: a page's WebSocket events do not show a SharedWorker's socket.
  const alice = await signIn(browser, 'ada', undefined, { ownSocket: true })
  const bob = await signIn(browser, 'bo', undefined, { ownSocket: true })
  await enterRoom(alice, room)
  await enterRoom(bob, room)
  for (const { page } of [alice, bob]) await expect(people(page)).toHaveText(['ada', 'bo'])
  await say(alice.page, 'over the page’s own origin')
  await say(bob.page, 'same here')
  for (const { page } of [alice, bob]) {
    await expect(bodies(page)).toHaveText(['over the page’s own origin', 'same here'])
  }
  // Every socket the pages opened went to the origin that served them: the app's at
  // /socket/websocket, Vite's own client at /.
  for (const { socketUrls } of [alice, bob]) {
    const sockets = socketUrls.map((url) => new URL(url))
    expect(sockets.filter((s) => s.pathname === '/socket/websocket').length).toBeGreaterThan(0)
    for (const socket of sockets) {
      expect([socket.protocol, socket.host]).toEqual(['ws:', origin.host])
      expect(['/socket/websocket', '/']).toContain(socket.pathname)
    }
  }
})
