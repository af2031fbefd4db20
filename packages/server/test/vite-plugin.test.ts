import type { ViteDevServer } from 'vite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FeatureSocket } from './features-socket.ts'
import { RawClient, UpgradeRefused } from './raw-client.ts'
import { type ServedApp, ViteApp } from './vite-app.ts'
import { fixtureFiles, roomsFile, socketFile } from './vite-fixture.ts'

let app: ViteApp
let dev: ServedApp<ViteDevServer> | null = null
const sockets: FeatureSocket[] = []

beforeEach(async () => {
  app = await ViteApp.create(fixtureFiles())
})
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close()
  await dev?.close()
  dev = null
  await app.remove()
})

async function connect(url: string, user: string): Promise<FeatureSocket> {
  const socket = await FeatureSocket.connect(url, user)
  sockets.push(socket)
  return socket
}

// What the page's Vite client sends: the HMR socket's protocol and token on `/`.
function hmrUrl(server: ViteDevServer, port: number): string {
  return `ws://127.0.0.1:${port}/?token=${server.config.webSocketToken}`
}

describe('wirestate() in vite dev', () => {
  it('serves the socket on Vite’s own port, beside a working HMR socket', async () => {
    dev = await app.dev()
    const alice = await connect(dev.socketUrl, 'alice')
    expect(await alice.join('room:1')).toEqual({ status: 'ok', response: {} })
    expect(await alice.push('room:1', 'ping', {})).toEqual({
      status: 'ok',
      response: { version: 1, pings: 1 },
    })
    const hmr = await RawClient.connect(hmrUrl(dev.server, dev.port), { protocol: 'vite-hmr' })
    expect(JSON.parse(String(await hmr.next()))).toEqual({ type: 'connected' })
    await app.write('index.html', '<p>changed</p>')
    expect(JSON.parse(String(await hmr.next()))).toMatchObject({ type: 'full-reload' })
    hmr.close()
    // Other paths are Vite's, as before: its HTTP answers, not the socket's.
    const page = await fetch(`http://127.0.0.1:${dev.port}/socket/websocket`)
    expect(page.headers.get('upgrade')).toBeNull()
  })

  it('runs an edited handler from the next push on; sockets, joins, assigns and presence stay', async () => {
    dev = await app.dev()
    const alice = await connect(dev.socketUrl, 'alice')
    const bob = await connect(dev.socketUrl, 'bob')
    await alice.join('room:1')
    await bob.join('room:1')
    await alice.waitFor((f) => f.event === 'presence_diff' && 'bob' in (f.payload.joins as object))
    expect((await alice.push('room:1', 'ping', {})).response).toEqual({ version: 1, pings: 1 })
    const frameCount = alice.all.length

    const hmr = await RawClient.connect(hmrUrl(dev.server, dev.port), { protocol: 'vite-hmr' })
    await hmr.next() // connected
    const { reload } = await app.edit('rooms.ts', roomsFile({ version: 2 }))
    expect(reload.file).toBe(`${app.root}/rooms.ts`)

    // The very next push: the new handler, the join's assigns as they were.
    expect((await alice.push('room:1', 'ping', {})).response).toEqual({ version: 2, pings: 2 })
    expect((await bob.push('room:1', 'ping', {})).response).toEqual({ version: 2, pings: 1 })
    // Between the two pings alice received nothing else: no phx_error, phx_close or leave.
    expect(alice.all.slice(frameCount).map((f) => f.event)).toEqual(['phx_reply'])
    expect(alice.openThroughout && bob.openThroughout).toBe(true)
    // A newcomer sees both still present, and a message from alice reaches bob.
    const carol = await connect(dev.socketUrl, 'carol')
    await carol.join('room:1')
    const state = await carol.waitFor((f) => f.event === 'presence_state')
    expect(Object.keys(state.payload).sort()).toEqual(['alice', 'bob', 'carol'])
    await alice.push('room:1', 'say', { body: 'still here' })
    await bob.waitFor((f) => f.event === 'said' && f.payload.body === 'still here')
    // The page was not told to reload: the socket's files are not the page's.
    expect(hmr.unread).toEqual([])
    hmr.close()
  })

  it('asks the edited authenticate at the next connect; connected users stay', async () => {
    dev = await app.dev()
    const alice = await connect(dev.socketUrl, 'alice')
    await alice.join('room:1')
    await app.edit('socket.ts', socketFile({ refuse: 'alice' }))
    await expect(RawClient.connect(`${dev.socketUrl}?vsn=2.0.0&user=alice`)).rejects.toEqual(
      new UpgradeRefused(403),
    )
    expect((await alice.push('room:1', 'ping', {})).response).toEqual({ version: 1, pings: 1 })
    expect(alice.openThroughout).toBe(true)
  })

  it('keeps the routes it has when an edit does not load, and takes the fix', async () => {
    dev = await app.dev()
    const alice = await connect(dev.socketUrl, 'alice')
    await alice.join('room:1')
    const failed = app.nextReload()
    await app.write('rooms.ts', roomsFile({ version: 2, broken: true }))
    expect((await failed).error).toBeInstanceOf(Error)
    expect((await alice.push('room:1', 'ping', {})).response).toEqual({ version: 1, pings: 1 })
    await app.edit('rooms.ts', roomsFile({ version: 3 }))
    expect((await alice.push('room:1', 'ping', {})).response).toEqual({ version: 3, pings: 2 })
    expect(alice.openThroughout).toBe(true)
  })

  it('keeps the broker across a config reload (restart), and lets it go on close', async () => {
    dev = await app.dev()
    const alice = await connect(dev.socketUrl, 'alice')
    await alice.join('room:1')
    await alice.push('room:1', 'say', { body: 'before the restart' })
    await dev.server.restart()
    // Vite ends the old server's connections; the page reconnects to the new one.
    await alice.closed
    const again = await connect(dev.socketUrl, 'alice')
    await again.join('room:1')
    const { response } = await again.push('room:1', 'history', {})
    expect(response.entries).toMatchObject([{ payload: { body: 'before the restart' } }])
    // The new HTTP server has one socket listener beside Vite's HMR one; one socket is
    // hosted, held by the one server.
    expect(dev.server.httpServer?.listenerCount('upgrade')).toBe(2)
    expect(hostedUsers(app.root)).toEqual([1])
    await dev.close()
    dev = null
    expect(hostedUsers(app.root)).toEqual([])
  })
})

// How many Vite servers hold each socket hosted for `root` (the plugin's registry).
function hostedUsers(root: string): number[] {
  const registry = (globalThis as Record<symbol, Map<string, { users: number }> | undefined>)[
    Symbol.for('@wirestate/server/vite')
  ]
  return [...(registry ?? new Map()).entries()]
    .filter(([key]) => key.startsWith(`${root}\n`))
    .map(([, entry]) => entry.users)
}

describe('wirestate() in vite preview', () => {
  it('serves the socket module on the preview server', async () => {
    const previewed = await app.preview()
    try {
      const alice = await connect(previewed.socketUrl, 'alice')
      await alice.join('room:1')
      expect((await alice.push('room:1', 'ping', {})).response).toEqual({ version: 1, pings: 1 })
    } finally {
      await previewed.close()
    }
  })
})
