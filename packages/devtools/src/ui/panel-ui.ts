import type { InspectEntry } from '@wirestate/core'
import { Session } from '../model/session.ts'
import { exportSession } from '../model/session-file.ts'
import type { PanelContext, PanelUi } from '../options.ts'
import { adoptStyles } from '../shell-styles.ts'
import { ChannelsView } from './channels-view.ts'
import { ConnectionView } from './connection-view.ts'
import { Controls } from './controls.ts'
import { el, setText } from './element.ts'
import { FramesView } from './frames-view.ts'
import { PANEL_CSS } from './styles.ts'
import { TimelineView } from './timeline-view.ts'

type Tab = 'timeline' | 'frames' | 'channels' | 'connection'
type View = { element: HTMLElement; render(): void }
const TABS: [Tab, string][] = [
  ['timeline', 'Timeline'],
  ['frames', 'Frames'],
  ['channels', 'Channels'],
  ['connection', 'Connection'],
]

/**
 * Builds the panel UI inside the shell's frame: this is the lazily loaded chunk's entry.
 *
 * @example
 * ```ts
 * const { createPanelUi } = await import('./ui/panel-ui.ts')
 * const ui = createPanelUi(context)
 * ```
 */
export function createPanelUi(context: PanelContext): PanelUi {
  return new PanelApp(context)
}

/**
 * The panel: a header (status, tabs, controls), the active view, and one render per
 * animation frame at most, only while shown. The live session keeps recording while a
 * loaded file is on screen.
 */
class PanelApp implements PanelUi {
  #context: PanelContext
  #live: Session
  #shown: Session
  #views: Record<Tab, View>
  #active: Tab = 'timeline'
  #visible = false
  #frame = 0
  #badge = el('span', { className: 'badge', attrs: { 'data-testid': 'status', role: 'status' } })
  #tabs = new Map<Tab, HTMLButtonElement>()
  #body = el('div', { className: 'body' })
  #banner = el('div', { className: 'banner' })
  #message = el('div', { className: 'message', attrs: { role: 'alert' } })
  #controls: Controls
  #stop: () => void

  constructor(context: PanelContext) {
    this.#context = context
    const { options, client } = context
    adoptStyles(context.container.getRootNode() as ShadowRoot, PANEL_CSS)
    this.#live = new Session(options)
    this.#live.connection.status = client.$status?.get().status ?? 'unknown'
    for (const entry of context.backlog) this.#live.ingest(entry)
    this.#shown = this.#live
    this.#views = this.#createViews(this.#live)
    this.#stop = this.#live.subscribe(this.#schedule)
    this.#controls = new Controls({
      client,
      exportJson: () =>
        exportSession(this.#shown.entries(), { secretKeys: this.#shown.secretKeys }),
      load: (entries, name) => this.#load(entries, name),
      report: (message) => this.#report(message),
    })
    this.#banner.hidden = true
    this.#message.hidden = true
    context.container.append(this.#header(), this.#banner, this.#message, this.#body)
    context.container.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && options.position !== 'inline') context.close()
    })
    this.#showTab('timeline')
  }

  ingest(entry: InspectEntry): void {
    this.#live.ingest(entry)
  }

  show(): void {
    this.#visible = true
    this.#schedule()
  }

  hide(): void {
    this.#visible = false
    cancelAnimationFrame(this.#frame)
    this.#frame = 0
  }

  destroy(): void {
    this.hide()
    this.#stop()
    this.#context.container.replaceChildren()
  }

  /** Asks for one render on the next animation frame; many calls in a frame make one. */
  #schedule = (): void => {
    if (this.#visible && !this.#frame) this.#frame = requestAnimationFrame(this.#render)
  }

  #render = (): void => {
    this.#frame = 0
    const status = this.#shown.connection.status
    setText(this.#badge, this.#shown === this.#live ? status : `${status} (recorded)`)
    this.#badge.dataset.status = status
    this.#views[this.#active].render()
  }

  #header(): HTMLElement {
    const tabs = el('span', { className: 'tabs', attrs: { role: 'tablist' } })
    for (const [tab, label] of TABS) {
      const button = el('button', {
        text: label,
        className: 'tab',
        attrs: { type: 'button', role: 'tab', 'data-tab': tab },
        on: { click: () => this.#showTab(tab) },
      })
      this.#tabs.set(tab, button)
      tabs.append(button)
    }
    const close =
      this.#context.options.position === 'inline'
        ? null
        : el('button', {
            text: '×',
            title: 'Close (Esc)',
            attrs: { type: 'button', 'aria-label': 'Close devtools' },
            on: { click: () => this.#context.close() },
          })
    const title = el('span', { className: 'title', text: 'wirestate' })
    return el(
      'div',
      { className: 'header' },
      title,
      this.#badge,
      tabs,
      el('span', { className: 'spacer-flex' }),
      this.#controls.element,
      close,
    )
  }

  #showTab(tab: Tab): void {
    this.#active = tab
    for (const [name, button] of this.#tabs)
      button.setAttribute('aria-selected', String(name === tab))
    this.#body.replaceChildren(this.#views[tab].element)
    this.#schedule()
  }

  #createViews(session: Session): Record<Tab, View> {
    return {
      timeline: new TimelineView(session, this.#schedule),
      frames: new FramesView(session, this.#schedule),
      channels: new ChannelsView(session, this.#schedule),
      connection: new ConnectionView(session),
    }
  }

  #load(entries: InspectEntry[], fileName: string): void {
    const recorded = new Session({
      ...this.#context.options,
      capacity: Math.max(1, entries.length),
      frameCapacity: Math.max(1, entries.length),
    })
    for (const entry of entries) recorded.ingest(entry)
    this.#switchTo(recorded)
    const back = el('button', {
      text: 'Back to live',
      attrs: { type: 'button' },
      on: { click: () => this.#switchTo(this.#live) },
    })
    this.#banner.replaceChildren(
      el('span', { text: `Viewing ${fileName}: ${entries.length} recorded entries` }),
      back,
    )
    this.#banner.hidden = false
  }

  #switchTo(session: Session): void {
    this.#shown = session
    this.#views = this.#createViews(session)
    this.#controls.setLive(session === this.#live)
    this.#banner.hidden = session !== this.#live ? this.#banner.hidden : true
    this.#message.hidden = true
    this.#showTab(this.#active)
  }

  #report(message: string): void {
    this.#message.textContent = message
    this.#message.hidden = false
  }
}
