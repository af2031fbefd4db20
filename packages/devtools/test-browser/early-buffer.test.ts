import { type Client, INSPECT_HOOK } from '@wirestate/core'
import { afterEach, expect, test } from 'vitest'
import { earlyEntries } from '../src/early-buffer.ts'
// Importing the package (as an app does, before it creates its client) installs the buffer.
import { DevtoolsPanel } from '../src/index.ts'
import { connectClient, find, joinRoom, rowTexts, shadow } from './harness.ts'

let client: Client | undefined
let panel: DevtoolsPanel | undefined

afterEach(() => {
  panel?.unmount()
  client?.disconnect()
  panel = client = undefined
})

/** The type column of each row a list shows, in order. */
const types = (view: 'timeline' | 'frames') => rowTexts(view).map((row) => row.split(' | ')[2])

test('a panel mounted after the first join shows the socket opening and the join before it', async () => {
  expect(INSPECT_HOOK in globalThis).toBe(true)
  client = connectClient() // connect params hold a token, the join params another
  const room = await joinRoom(client, 'room:early')
  await room.push('echo', { n: 1 })
  expect(document.querySelector('wirestate-devtools')).toBeNull() // no panel so far

  panel = new DevtoolsPanel(client).mount()
  await panel.open()
  await expect.poll(() => types('timeline').includes('ReplyReceived')).toBe(true)
  // Everything from the first command on, once each and in order (the presence messages
  // the server sends on join race the echo, so they are checked apart).
  const timeline = types('timeline').filter(
    (t) => t !== 'StatusChanged' && t !== 'HeartbeatReplied',
  )
  expect(timeline.filter((t) => t !== 'MessageReceived')).toEqual([
    'OpenSocket',
    'SocketOpened',
    'JoinChannel',
    'ChannelJoined',
    'PushMessage',
    'ReplyReceived',
  ])
  const messages = rowTexts('timeline').filter((row) => row.includes('MessageReceived'))
  expect(messages.map((row) => row.split(' | ')[4]?.split(' ')[0]).sort()).toEqual([
    'presence_diff',
    'presence_state',
  ])
  const join = rowTexts('timeline').find((row) => row.includes('JoinChannel')) as string
  expect(join).toContain('room:early | params {"nick":"ann","token":"[redacted]"}')

  // The panel keeps recording live after mount.
  await room.push('echo', { n: 2 })
  await expect.poll(() => types('timeline').filter((t) => t === 'ReplyReceived').length).toBe(2)

  // The raw frames of the join came before the panel too: the join out, its reply in.
  await find('[data-tab=frames]').click()
  await expect.poll(() => rowTexts('frames').length).toBeGreaterThan(2)
  const frames = rowTexts('frames')
  expect(frames.some((row) => row.includes('room:early') && row.includes('phx_join'))).toBe(true)

  // Neither the panel nor the buffer behind it ever held a secret in clear.
  const everything = `${shadow().textContent} ${JSON.stringify(earlyEntries(client))}`
  expect(everything).not.toContain('join-secret-456')
  expect(everything).not.toContain('secret-token-123')
})

test('the buffer is bounded and per client: a flood keeps the newest 500, another client has its own', async () => {
  client = connectClient()
  const room = await joinRoom(client, 'room:flood')
  await room.push('flood', { count: 600 })
  await expect.poll(() => earlyEntries(client as Client).length).toBe(500)
  const kept = earlyEntries(client)
  // The oldest went first: the join is gone, the last ticks are there.
  expect(kept.some((e) => e.kind === 'command' && e.command.type === 'JoinChannel')).toBe(false)
  const last = kept.filter((e) => e.kind === 'event' && e.event.type === 'MessageReceived').at(-1)
  expect(last).toMatchObject({ event: { event: 'tick', payload: { i: 599 } } })
  const other = connectClient()
  expect(earlyEntries(other)).toEqual([])
  other.disconnect()
})
