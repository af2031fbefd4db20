import type { InspectEntry, InspectListener } from '@wirestate/core'
import { afterEach, expect, test } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { DevtoolsPanel, type DevtoolsPosition } from '../src/index.ts'
import { find, shadow } from './harness.ts'

// How the panel lays out in the room it is given: the Connection view's content sits
// below the tab bar and inside the panel at any size, and a list whose container was
// hidden draws its rows once the container shows.

let cleanup: (() => void) | undefined

afterEach(async () => {
  cleanup?.()
  cleanup = undefined
  await page.viewport(1200, 760)
})

/** A stand-in client whose inspect stream the test feeds by hand. */
function fakeClient() {
  let listener: InspectListener = () => {}
  const client = {
    inspect(l: InspectListener) {
      listener = l
      return () => {}
    },
    connect() {},
    disconnect() {},
  }
  return { client, emit: (entry: InspectEntry) => listener(entry) }
}

function statusChanged(i: number): InspectEntry {
  const status =
    i % 2 ? { status: 'connected' as const } : { status: 'reconnecting' as const, attempt: 1 }
  return { kind: 'event', event: { type: 'StatusChanged', time: 1_000 + i, status } }
}

function message(i: number): InspectEntry {
  const event = { type: 'MessageReceived', time: 1_000 + i, topic: 'room:1', event: 'tick' }
  return { kind: 'event', event: { ...event, payload: { i } } } as InspectEntry
}

/** Mounts a panel: `inline` fills a box of the given height, a drawer opens at the bottom. */
async function mountAt(position: DevtoolsPosition, height: number) {
  const { client, emit } = fakeClient()
  const box = document.createElement('div')
  box.style.height = `${height}px`
  document.body.append(box)
  const panel = new DevtoolsPanel(client, { position }).mount(
    position === 'inline' ? box : document.body,
  )
  cleanup = () => {
    panel.unmount()
    box.remove()
  }
  await panel.open()
  return { emit, box }
}

type Box = { top: number; bottom: number; left: number; right: number }

function box(element: Element): Box {
  const { top, bottom, left, right } = element.getBoundingClientRect()
  return { top, bottom, left, right }
}

/** Whether a point of the element is really on screen: not covered, not clipped away. */
function reachable(element: Element, x: number, y: number): boolean {
  const hit = shadow().elementFromPoint(x, y)
  return hit !== null && (hit === element || element.contains(hit))
}

/**
 * The first row of each part of the Connection view: below the tab bar with room to
 * spare, inside the panel, and the topmost thing at its own corners.
 */
function expectFirstRowsShown(): void {
  const header = box(find('.header'))
  const frame = box(find('.frame'))
  for (const selector of ['.log li', '.facts dt']) {
    const row = find(selector)
    const r = box(row)
    expect(r.top, `${selector} starts below the tab bar`).toBeGreaterThanOrEqual(header.bottom + 4)
    expect(r.bottom, `${selector} ends inside the panel`).toBeLessThanOrEqual(frame.bottom)
    expect(r.right, `${selector} ends inside the panel`).toBeLessThanOrEqual(frame.right)
    expect(reachable(row, r.left + 2, r.top + 2), `${selector} top left shows`).toBe(true)
    expect(reachable(row, r.left + 2, r.bottom - 2), `${selector} bottom left shows`).toBe(true)
  }
  const log = find('[data-testid=connection-log]')
  expect(box(log).bottom, 'the log scrolls inside the panel').toBeLessThanOrEqual(frame.bottom + 1)
}

const sizes: [DevtoolsPosition, number, number, number][] = [
  ['inline', 1200, 760, 320],
  ['inline', 1200, 760, 200],
  ['inline', 390, 844, 360],
  ['bottom-right', 1200, 760, 0],
  ['bottom-right', 390, 700, 0],
  ['bottom-left', 700, 420, 0],
]

for (const [position, width, height, boxHeight] of sizes) {
  test(`connection: first rows below the tab bar and inside the panel (${position}, ${width}×${height}${boxHeight ? `, box ${boxHeight}` : ''})`, async () => {
    await page.viewport(width, height)
    const { emit } = await mountAt(position, boxHeight)
    for (let i = 0; i < 120; i++) emit(statusChanged(i))
    await userEvent.click(find('[data-tab=connection]'))
    await expect.poll(() => shadow().querySelectorAll('.log li').length).toBe(120)
    expectFirstRowsShown()
    // A long log scrolls within its own area; its newest line stays first.
    const log = find('[data-testid=connection-log]')
    expect(log.scrollHeight).toBeGreaterThan(log.clientHeight)
    expect(find('.log li').textContent).toMatch(/connected$/)
  })
}

/** The rows a virtualized list draws where the user can see them. */
function rowsOnScreen(view: 'timeline' | 'frames'): string[] {
  const list = find(`[data-view=${view}] .list`)
  const { top, bottom, left } = box(list)
  const seen: string[] = []
  for (let y = top + 10; y < bottom; y += 20) {
    const row = shadow()
      .elementFromPoint(left + 20, y)
      ?.closest<HTMLElement>('.row')
    if (row && list.contains(row) && !row.hidden) seen.push(row.textContent ?? '')
  }
  return seen
}

test('a list whose container was hidden shows its newest rows once the container shows, with no new entry', async () => {
  const { emit, box: container } = await mountAt('inline', 500)
  container.style.display = 'none'
  for (let i = 0; i < 300; i++) emit(message(i))
  // Let the hidden panel render what it got (its rows drawn while it measures nothing).
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
  container.style.display = ''
  await expect.poll(() => rowsOnScreen('timeline').length).toBeGreaterThan(10)
  const shown = rowsOnScreen('timeline')
  expect(shown.at(-1)).toContain('tick {"i":299}')
  expect(
    shown.every((text, i) => i === 0 || text.includes(`"i":${299 - shown.length + 1 + i}`)),
  ).toBe(true)
})

test('a list drawn in a small container fills the taller one it is resized to', async () => {
  const { emit, box: container } = await mountAt('inline', 240)
  for (let i = 0; i < 300; i++) emit(message(i))
  await expect.poll(() => rowsOnScreen('timeline').at(-1)).toContain('tick {"i":299}')
  const before = rowsOnScreen('timeline').length
  container.style.height = '700px'
  await expect.poll(() => rowsOnScreen('timeline').length).toBeGreaterThan(before + 10)
  expect(rowsOnScreen('timeline').at(-1)).toContain('tick {"i":299}')
})

test('a list shows its rows again after another tab was shown, with no new entry', async () => {
  const { emit } = await mountAt('inline', 500)
  for (let i = 0; i < 300; i++) {
    emit(message(i))
    emit({
      kind: 'frame',
      direction: 'in',
      size: 10,
      time: 1_000 + i,
      frame: `[null,null,"room:1","tick",{"i":${i}}]`,
    })
  }
  await expect.poll(() => rowsOnScreen('timeline').at(-1)).toContain('tick {"i":299}')
  await userEvent.click(find('[data-tab=frames]'))
  await expect.poll(() => rowsOnScreen('frames').length).toBeGreaterThan(10)
  await userEvent.click(find('[data-tab=timeline]'))
  await expect.poll(() => rowsOnScreen('timeline').length).toBeGreaterThan(10)
  expect(rowsOnScreen('timeline').at(-1)).toContain('tick {"i":299}')
})

test('a panel as narrow as a phone keeps every view inside its width', async () => {
  await page.viewport(390, 844)
  const { emit } = await mountAt('inline', 400)
  for (let i = 0; i < 50; i++) {
    emit(message(i))
    const frame = `[null,null,"room:lobby:with-a-long-name","presence_diff",{"i":${i}}]`
    emit({ kind: 'frame', direction: 'in', size: frame.length, time: 1_000 + i, frame })
  }
  const frameBox = box(find('.frame'))
  for (const view of ['timeline', 'frames', 'channels', 'connection']) {
    await userEvent.click(find(`[data-tab=${view}]`))
    await expect.poll(() => shadow().querySelector(`[data-view=${view}]`)).not.toBeNull()
    // What the page would scroll sideways for: nothing.
    expect(document.documentElement.scrollWidth, view).toBeLessThanOrEqual(innerWidth)
    const cells = [...shadow().querySelectorAll(`[data-view=${view}] .row:not([hidden]) > *`)]
    const outside = cells.filter((cell) => {
      const r = cell.getBoundingClientRect()
      return r.width > 0 && r.right > frameBox.right + 0.5
    })
    expect(
      outside.map((cell) => cell.className),
      view,
    ).toEqual([])
  }
  // The rows still say what they are: the time, and the event's type or the frame's event.
  await userEvent.click(find('[data-tab=timeline]'))
  await expect.poll(() => rowsOnScreen('timeline').at(-1)).toMatch(/MessageReceived.*tick/)
})
