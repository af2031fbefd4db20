import {
  type Browser,
  type BrowserContext,
  expect,
  type Locator,
  type Page,
} from '@playwright/test'
import type { TestNetwork } from './test-network.ts'

/** One person in the demo: their browser context (own storage, own network) and page. */
export interface DemoUser {
  readonly name: string
  readonly context: BrowserContext
  readonly page: Page
  /** Every text frame the page sent on its WebSockets, in order. */
  readonly framesSent: readonly string[]
  /** The URL of every WebSocket the page opened, in order. */
  readonly socketUrls: readonly string[]
}

/** Every room a test opens is new: the server keeps history for the whole run. */
export function uniqueRoom(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}`
}

/**
 * Opens the React app in a fresh context, picks `name` on the first screen and waits
 * for the socket (the lobby joins at once). With a `network`, the context's WebSockets
 * go through it.
 */
export async function signIn(
  browser: Browser,
  name: string,
  network?: TestNetwork,
  { ownSocket = network !== undefined }: { ownSocket?: boolean } = {},
): Promise<DemoUser> {
  const context = await browser.newContext()
  await network?.attach(context)
  const page = await context.newPage()
  const framesSent: string[] = []
  const socketUrls: string[] = []
  page.on('websocket', (socket) => {
    socketUrls.push(socket.url())
    socket.on('framesent', ({ payload }) => {
      framesSent.push(String(payload))
    })
  })
  await page.goto(ownSocket ? '/?socket=own' : '/')
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: 'Enter' }).click()
  await expect(connection(page)).toHaveText('connected')
  return { name, context, page, framesSent, socketUrls }
}

/** Opens a Vue or Svelte page of `room` as `name` (the name from the query). */
export async function openBindingPage(
  browser: Browser,
  page: 'vue' | 'svelte',
  room: string,
  name: string,
): Promise<DemoUser> {
  const context = await browser.newContext()
  const tab = await context.newPage()
  await tab.goto(`/${page}.html?room=${room}&name=${name}`)
  await expect(connection(tab)).toHaveText('connected')
  return { name, context, page: tab, framesSent: [], socketUrls: [] }
}

/** Goes to a room by its address and waits until the user sees themself in it. */
export async function enterRoom(user: DemoUser, room: string): Promise<void> {
  // The same page (its query kept): only the hash changes, as a link in the app does.
  await user.page.goto(`${new URL(user.page.url()).search}#/room/${room}`)
  await expect(person(user.page, user.name)).toHaveCount(1) // in the drawer, on a phone
}

/** Types `body` into the composer and sends it with Enter. */
export async function say(page: Page, body: string): Promise<void> {
  const box = page.getByLabel('Message', { exact: true })
  await box.fill(body)
  await box.press('Enter')
}

export function connection(page: Page): Locator {
  return page.getByRole('status', { name: 'Connection' })
}

/** The bodies of the room's messages, in the order shown. */
export function bodies(page: Page): Locator {
  return page.locator('.messages .body')
}

/** A message row by its exact body. */
export function message(page: Page, body: string): Locator {
  return page.locator('.messages li').filter({ has: page.locator('.body', { hasText: body }) })
}

export function person(page: Page, name: string): Locator {
  return page.getByRole('complementary', { name: 'People here' }).locator(`[data-user="${name}"]`)
}

/** Who the room's people list shows, in order. */
export function people(page: Page): Locator {
  return page.getByRole('complementary', { name: 'People here' }).locator('.person')
}
