import type { Client, InspectListener } from '@wirestate/core'
import { afterEach, expect, inject, test, vi } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { DevtoolsPanel, mountDevtools } from '../src/index.ts'
import { mountDevtools as mountNoop, DevtoolsPanel as NoopPanel } from '../src/noop.ts'
import { choose, connectClient, find, joinRoom, rowTexts, shadow, sockets } from './harness.ts'

let client: Client | undefined
let unmount: (() => void) | undefined

afterEach(() => {
  unmount?.()
  client?.disconnect()
  unmount = client = undefined
  document.head.querySelector('style[data-hostile]')?.remove()
})

/** A client and an open panel on it, once the panel UI has loaded. */
async function open(): Promise<Client> {
  client = connectClient()
  const panel = new DevtoolsPanel(client).mount()
  unmount = () => panel.unmount()
  await panel.open()
  return client
}

function button(name: string): HTMLButtonElement {
  const found = [...shadow().querySelectorAll('button')].find((b) => b.textContent === name)
  if (!found) throw new Error(`no button ${name}`)
  return found
}

async function tab(name: string): Promise<void> {
  await userEvent.click(find(`[data-tab=${name}]`))
}

const panelChunkFetched = () =>
  performance.getEntriesByType('resource').some((r) => r.name.includes('/ui/panel-ui.ts'))

// First in the file: the page has not loaded the panel chunk yet.
test('a closed panel renders only its toggle; the UI loads on first open and shows what came before', async () => {
  client = connectClient()
  const panel = new DevtoolsPanel(client).mount(document.body)
  unmount = () => panel.unmount()
  const room = await joinRoom(client, 'room:before')
  await room.push('echo', { n: 1 })
  expect(shadow().querySelector('.header')).toBeNull()
  expect(panelChunkFetched()).toBe(false)
  expect(find('.toggle').getAttribute('aria-expanded')).toBe('false')
  await userEvent.click(find('.toggle'))
  await expect.poll(() => shadow().querySelector('.header')).not.toBeNull()
  expect(panelChunkFetched()).toBe(true)
  expect(panel.isOpen).toBe(true)
  for (const hidden of ['.banner', '.message', '[data-view=timeline] .detail']) {
    expect(getComputedStyle(find(hidden)).display).toBe('none')
  }
  await expect
    .poll(() => rowTexts('timeline').some((r) => r.includes('ChannelJoined | room:before')))
    .toBe(true)
  expect(
    rowTexts('timeline').some((r) => r.includes('PushMessage | room:before | echo {"n":1}')),
  ).toBe(true)
  await userEvent.click(find('button[aria-label="Close devtools"]'))
  expect(panel.isOpen).toBe(false)
  expect(find('.frame').hidden).toBe(true)
})

test('page styles cannot reach into the panel', async () => {
  const hostile = document.createElement('style')
  hostile.dataset.hostile = ''
  hostile.textContent = `body{color:rgb(255,0,0);font-size:40px} .row,.header,button{display:none!important} div{background:rgb(0,255,0)!important}`
  document.head.append(hostile)
  await open()
  const header = find('.header')
  expect(getComputedStyle(header).display).toBe('flex')
  expect(getComputedStyle(header).color).not.toBe('rgb(255, 0, 0)')
  expect(getComputedStyle(header).fontSize).not.toBe('40px')
  expect(getComputedStyle(find('.body')).backgroundColor).not.toBe('rgb(0, 255, 0)')
})

test('timeline rows appear as messages flow, and a topic filter narrows them', async () => {
  const c = await open()
  const a = await joinRoom(c, 'room:a')
  const b = await joinRoom(c, 'room:b')
  for (let i = 0; i < 3; i++) {
    await a.push('shout', { body: `a${i}` })
    await b.push('shout', { body: `b${i}` })
  }
  const shouts = () =>
    rowTexts('timeline').filter((r) => r.includes('MessageReceived') && r.includes('shout'))
  await expect.poll(() => shouts().length).toBe(6)
  const before = rowTexts('timeline').length
  choose(find<HTMLSelectElement>('select[aria-label=Topic]'), 'room:b')
  await expect.poll(() => rowTexts('timeline').length).toBeLessThan(before)
  const rows = rowTexts('timeline')
  expect(rows.length).toBeGreaterThan(3)
  expect(rows.every((r) => r.includes('| room:b |'))).toBe(true)
  choose(find<HTMLSelectElement>('select[aria-label=Type]'), 'MessageReceived')
  await expect.poll(() => rowTexts('timeline').length).toBe(5) // presence state + diff, 3 shouts
  expect(shouts().map((r) => r.split(' | ')[4])).toEqual([
    'shout {"body":"b0"}',
    'shout {"body":"b1"}',
    'shout {"body":"b2"}',
  ])
  expect(find('.count').textContent).toMatch(/^\d+ of \d+$/)
  // Keyboard: a click selects, arrow keys move the selection.
  const selected = () => find('[data-view=timeline] .row.selected').textContent
  await userEvent.click(
    shadow().querySelector('[data-view=timeline] .row:not([hidden])') as HTMLElement,
  )
  await expect
    .poll(() => shadow().querySelector('[data-view=timeline] .row.selected'))
    .not.toBeNull()
  const firstSelected = selected()
  await userEvent.keyboard('{ArrowDown}')
  await expect.poll(selected).not.toBe(firstSelected)
  await userEvent.keyboard('{ArrowUp}')
  await expect.poll(selected).toBe(firstSelected)
  await userEvent.fill(find('input[aria-label=Search]'), 'b1')
  await expect.poll(() => rowTexts('timeline').length).toBe(1)
  expect(rowTexts('timeline')[0]).toContain('shout {"body":"b1"}')
})

test('frames: a push is linked to its reply with the round trip', async () => {
  const c = await open()
  const room = await joinRoom(c, 'room:frames')
  await room.push('echo', { hello: 'frames' })
  await tab('frames')
  await expect
    .poll(() => rowTexts('frames').filter((r) => /↔ \d+ ms/.test(r)).length)
    .toBeGreaterThanOrEqual(4)
  const push = [...shadow().querySelectorAll<HTMLElement>('[data-view=frames] .row')].find((r) =>
    r.textContent?.includes('echo'),
  ) as HTMLElement
  expect(push.textContent).toMatch(/↑ out.*room:frames.*echo.*↔ \d+ ms/)
  await userEvent.click(push)
  const detail = find('[data-view=frames] [data-testid=detail]')
  expect(JSON.parse(detail.textContent ?? '')).toEqual([
    expect.any(String),
    expect.any(String),
    'room:frames',
    'echo',
    { hello: 'frames' },
  ])
  await userEvent.click(find('[data-view=frames] .detail-head button:not([aria-label])'))
  expect(JSON.parse(detail.textContent ?? '')[3]).toBe('phx_reply')
  await expect
    .poll(() => find('[data-view=frames] .row.selected').textContent)
    .toMatch(/↓ in.*phx_reply/)
})

test('channels: state, counts, redacted params and presence members', async () => {
  const c = await open()
  const room = await joinRoom(c, 'room:chan')
  await room.push('echo', {})
  await tab('channels')
  const row = () => find('tr[data-topic="room:chan"]')
  await expect.poll(() => row().querySelector('.state')?.textContent).toBe('joined')
  await expect.poll(() => row().textContent).toContain('[redacted]')
  expect(row().textContent).not.toContain('join-secret-456')
  await expect.poll(() => row().lastElementChild?.textContent).toBe('1')
  await userEvent.click(row())
  const detail = find('[data-view=channels] [data-testid=detail]').textContent ?? ''
  expect(detail).toContain('"ann"')
  expect(detail).toContain('"nick": "ann"')
  expect(detail).not.toContain('join-secret-456')
})

test('simulate offline holds the socket down until released; reconnect now reconnects', async () => {
  const c = await open()
  await joinRoom(c, 'room:offline')
  const badge = () => find('[data-testid=status]').textContent
  await expect.poll(badge).toBe('connected')
  await userEvent.click(button('Simulate offline'))
  await expect.poll(badge).toBe('reconnecting')
  // Held down: still reconnecting, with no new socket, well past the 50-200 ms backoff.
  await new Promise((resolve) => setTimeout(resolve, 500))
  expect(badge()).toBe('reconnecting')
  expect(c.$status.get()).toMatchObject({ status: 'reconnecting' })
  await userEvent.click(button('Go online'))
  await expect.poll(badge).toBe('connected')
  await expect.poll(() => c.channel('room:offline').$state.get().status).toBe('joined')
  await tab('connection')
  const opened = () => shadow().querySelectorAll('.log li[data-what=opened]').length
  const openedBefore = opened()
  await userEvent.click(button('Reconnect now'))
  await expect.poll(opened).toBe(openedBefore + 1)
  await expect.poll(badge).toBe('connected')
  const statuses = [...shadow().querySelectorAll('.log li[data-what=status]')]
    .map((li) => li.lastChild?.textContent)
    .reverse()
  expect(statuses).toEqual([
    'connecting',
    'connected',
    'reconnecting', // simulated offline
    'connected',
    'disconnected (client)', // reconnect now: drop and open a new socket
    'connecting',
    'connected',
  ])
})

test('connection: a dropped socket shows reconnecting with its attempt and backoff delay; heartbeats chart', async () => {
  const c = await open()
  await joinRoom(c, 'room:drop')
  await tab('connection')
  await expect.poll(() => find('.chart svg').getAttribute('aria-label')).toMatch(/\(\d+ beats\)$/)
  expect(find('.chart polyline').getAttribute('points')).toMatch(/^[\d.]+,[\d.]+/)
  const seen = new Set<string>()
  const stopWatching = c.$status.subscribe((s) => seen.add(s.status))
  sockets.at(-1)?.close(1000, 'network gone') // as if the network dropped it: the client did not ask
  await expect
    .poll(() => find('.log li[data-what=reconnect]')?.textContent)
    .toMatch(/attempt 1 in \d+ ms$/)
  await expect.poll(() => find('[data-testid=connection-status]').textContent).toBe('connected')
  await expect.poll(() => c.channel('room:drop').$state.get().status).toBe('joined')
  stopWatching()
  expect(seen).toContain('reconnecting')
  const log = [...shadow().querySelectorAll('.log li')].map(
    (li) => `${li.getAttribute('data-what')} ${li.lastChild?.textContent}`,
  )
  expect(log.slice(0, 5).reverse()).toEqual([
    'closed socket closed 1000 "network gone" (retry)',
    'status reconnecting',
    expect.stringMatching(/^reconnect attempt 1 in \d+ ms$/),
    'opened socket opened',
    'status connected',
  ])
  expect(find('.facts').textContent).toContain('reconnects1')
})

test('a hostile payload shows as text and runs nothing', async () => {
  const alert = vi.spyOn(window, 'alert').mockImplementation(() => {})
  const c = await open()
  const room = await joinRoom(c, 'room:xss')
  const hostile = '<img src=x onerror=alert(1)>'
  await room.push('shout', { body: hostile })
  await expect.poll(() => rowTexts('timeline').some((r) => r.includes(hostile))).toBe(true)
  const row = [...shadow().querySelectorAll<HTMLElement>('[data-view=timeline] .row')].find((r) =>
    r.textContent?.includes('onerror'),
  ) as HTMLElement
  await userEvent.click(row)
  expect(find('[data-view=timeline] [data-testid=detail]').textContent).toContain(hostile)
  await tab('frames')
  await expect.poll(() => rowTexts('frames').length).toBeGreaterThan(0)
  await new Promise((resolve) => setTimeout(resolve, 100))
  expect(shadow().querySelectorAll('img').length + document.querySelectorAll('img').length).toBe(0)
  expect(alert).not.toHaveBeenCalled()
  alert.mockRestore()
})

test('10,000 messages in one burst: bounded buffers, a few dozen rows in the DOM, renders once per frame', async () => {
  const c = await open()
  const room = await joinRoom(c, 'room:flood')
  const frameRequests = vi.spyOn(window, 'requestAnimationFrame')
  const started = performance.now()
  await room.push('flood', { count: 10_000 }, { timeout: 15_000 })
  // Heartbeats keep coming after the burst: the last tick is near the end, not last.
  await expect
    .poll(() => rowTexts('timeline').some((r) => r.includes('tick {"i":9999}')), {
      timeout: 15_000,
    })
    .toBe(true)
  const elapsed = performance.now() - started
  expect(find('[data-view=timeline] .count').textContent).toBe('5000 entries')
  expect(shadow().querySelectorAll('[data-view=timeline] .row').length).toBeLessThan(60)
  expect(frameRequests.mock.calls.length).toBeLessThan(1_000)
  const ticks = rowTexts('timeline')
    .filter((r) => r.includes('tick'))
    .map((r) => Number(/"i":(\d+)/.exec(r)?.[1]))
  expect(ticks.length).toBeGreaterThan(5)
  expect(ticks).toEqual(ticks.map((_, i) => 9_999 - ticks.length + 1 + i))
  await tab('frames')
  await expect.poll(() => find('[data-view=frames] .count').textContent).toBe('2000 frames')
  await tab('channels')
  await expect
    .poll(() => find('tr[data-topic="room:flood"]').children[3]?.textContent)
    .toBe('10003')
  console.info(
    `flood: 10,000 messages shown in ${Math.round(elapsed)} ms, ${frameRequests.mock.calls.length} animation frames requested`,
  )
  frameRequests.mockRestore()
})

test('export downloads the session with secrets redacted; import shows it back', async () => {
  const c = await open()
  const room = await joinRoom(c, 'room:export')
  await room.push('echo', { note: 'see wss://h/socket?token=abc', password: 'pw-789' })
  await expect.poll(() => rowTexts('timeline').some((r) => r.includes('ReplyReceived'))).toBe(true)
  const blobs: Blob[] = []
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob)
    return 'blob:captured'
  })
  const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
  await userEvent.click(button('Export'))
  expect(clicks).toHaveBeenCalledTimes(1)
  const text = await (blobs[0] as Blob).text()
  vi.restoreAllMocks()
  for (const secret of ['secret-token-123', 'join-secret-456', 'pw-789', 'token=abc']) {
    expect(text).not.toContain(secret)
  }
  const file = JSON.parse(text)
  expect(file.format).toBe('wirestate-devtools-session')
  const join = file.entries.find(
    (e: { command?: { type: string } }) => e.command?.type === 'JoinChannel',
  )
  expect(join.command.payload).toEqual({ nick: 'ann', token: '[redacted]' })
  expect(text).toContain('[redacted]')

  load(new File([text], 'session.json'))
  await expect
    .poll(() => find('.banner').textContent)
    .toBe(`Viewing session.json: ${file.entries.length} recorded entriesBack to live`)
  await expect.poll(() => find('[data-testid=status]').textContent).toMatch(/\(recorded\)$/)
  expect(button('Simulate offline').disabled).toBe(true)
  await expect
    .poll(() => rowTexts('timeline').some((r) => r.includes('PushMessage | room:export | echo')))
    .toBe(true)
  await userEvent.click(button('Back to live'))
  expect(getComputedStyle(find('.banner')).display).toBe('none')
  await expect.poll(() => find('[data-testid=status]').textContent).toBe('connected')

  load(new File(['{"format":"something else"}'], 'other.json'))
  await expect
    .poll(() => find('.message').textContent)
    .toBe(
      'Could not load other.json: not a wirestate session: format is not "wirestate-devtools-session"',
    )
})

function load(file: File): void {
  const input = find<HTMLInputElement>('input[type=file]')
  const transfer = new DataTransfer()
  transfer.items.add(file)
  input.files = transfer.files
  input.dispatchEvent(new Event('change'))
}

test('recordWhileClosed: false listens to nothing until the first open; inline renders open, without toggle', async () => {
  const inspect = vi.fn(() => () => {})
  const fake = { inspect, connect() {}, disconnect() {} }
  const target = document.createElement('div')
  target.style.height = '300px'
  document.body.append(target)
  const panel = new DevtoolsPanel(fake, { recordWhileClosed: false }).mount(target)
  expect(inspect).not.toHaveBeenCalled()
  await panel.open()
  expect(inspect).toHaveBeenCalledTimes(1)
  panel.unmount()
  expect(target.childElementCount).toBe(0)
  const inline = new DevtoolsPanel(fake, { position: 'inline' }).mount(target)
  await expect.poll(() => shadow().querySelector('.header')).not.toBeNull()
  expect(shadow().querySelector('.toggle')).toBeNull()
  expect(inline.isOpen).toBe(true)
  inline.unmount()
  target.remove()
})

test('the production stand-in (the `production` export condition) renders nothing', async () => {
  const fake = { inspect: vi.fn(() => () => {}), connect() {}, disconnect() {} }
  const panel = new NoopPanel(fake).mount(document.body)
  await panel.open()
  mountNoop(fake, { initialOpen: true })()
  expect(document.querySelector('wirestate-devtools')).toBeNull()
  expect(fake.inspect).not.toHaveBeenCalled()
})

test('a steady 10,000 events a second (and their frames) for a second: one render per animation frame', async () => {
  let listener: InspectListener = () => {}
  const fake = {
    inspect: (l: InspectListener) => {
      listener = l
      return () => {}
    },
    connect() {},
    disconnect() {},
  }
  unmount = mountDevtools(fake, { initialOpen: true })
  await expect.poll(() => shadow().querySelector('.header')).not.toBeNull()
  const frameRequests = vi.spyOn(window, 'requestAnimationFrame')
  let frames = 0
  let running = true
  const countFrames = () => {
    frames++
    if (running) requestAnimationFrame(countFrames)
  }
  requestAnimationFrame(countFrames)
  const { ingestMs, elapsedMs } = await feed(listener, 10_000, 1_000)
  running = false
  await expect.poll(() => rowTexts('timeline').some((r) => r.includes('"i":9999'))).toBe(true)
  // Our frame counter asks once per frame; the panel adds at most one request per frame.
  const panelRequests = frameRequests.mock.calls.length - frames
  expect(panelRequests).toBeLessThanOrEqual(frames + 2)
  expect(shadow().querySelectorAll('[data-view=timeline] .row').length).toBeLessThan(60)
  frameRequests.mockRestore()
  const fps = Math.round(frames / (elapsedMs / 1_000))
  console.info(
    `steady feed: 10,000 events + 10,000 frames in ${Math.round(elapsedMs)} ms, ingest ${Math.round(ingestMs)} ms, ${fps} fps`,
  )
})

/** Feeds `count` MessageReceived events, each with its frame, evenly over `ms`. */
async function feed(listener: InspectListener, count: number, ms: number) {
  let i = 0
  let ingestMs = 0
  const started = performance.now()
  while (i < count) {
    await new Promise((resolve) => setTimeout(resolve, 4))
    const due = Math.min(count, Math.floor(((performance.now() - started) / ms) * count))
    const t = performance.now()
    for (; i < due; i++) {
      const frame = `[null,null,"room:1","tick",{"i":${i}}]`
      const time = Date.now()
      listener({ kind: 'frame', direction: 'in', size: frame.length, time, frame })
      const event = {
        type: 'MessageReceived',
        time,
        topic: 'room:1',
        event: 'tick',
        payload: { i },
      } as const
      listener({ kind: 'event', event })
    }
    ingestMs += performance.now() - t
  }
  return { ingestMs, elapsedMs: performance.now() - started }
}

// Last: the picture in the README.
test('screenshot', async () => {
  const app = document.createElement('main')
  app.style.cssText = 'font:16px system-ui;padding:24px;color:#222'
  app.append(Object.assign(document.createElement('h1'), { textContent: 'My chat app' }))
  document.body.append(app)
  const c = await open()
  const room = await joinRoom(c, 'room:lobby')
  await joinRoom(c, 'room:42')
  await room.push('shout', { body: 'hello' })
  await room.push('echo', { body: '<img src=x onerror=alert(1)>' })
  await room.push('shout', { body: 'how are you?' })
  await expect.poll(() => rowTexts('timeline').filter((r) => r.includes('shout')).length).toBe(4)
  const message = [...shadow().querySelectorAll<HTMLElement>('[data-view=timeline] .row')].find(
    (r) => r.textContent?.includes('how are you'),
  ) as HTMLElement
  await userEvent.click(message)
  // The committed picture changes with every run (times): only rewritten on request.
  const path = inject('updateScreenshots') ? '../docs/devtools.png' : '../test-results/devtools.png'
  const { base64 } = await page.screenshot({ path, base64: true })
  expect(base64.length).toBeGreaterThan(20_000)
  app.remove()
})
