import type { ConnectionLogItem } from '../model/connection-history.ts'
import type { Session } from '../model/session.ts'
import { el, setText } from './element.ts'
import { formatTime } from './format.ts'
import { createLatencyChart } from './latency-chart.ts'

const LOG_SHOWN = 200

/**
 * The connection: its status, reconnects scheduled and the next attempt's backoff
 * delay, a chart of heartbeat round trips, and the log of state changes, newest first.
 *
 * @example
 * ```ts
 * const view = new ConnectionView(session)
 * body.append(view.element)
 * ```
 */
export class ConnectionView {
  readonly element: HTMLElement
  #session: Session
  #facts = {
    status: el('dd', { attrs: { 'data-testid': 'connection-status' } }),
    reconnects: el('dd'),
    next: el('dd'),
    heartbeats: el('dd'),
  }
  #chart = createLatencyChart()
  #log = el('ol', { className: 'log', attrs: { 'aria-label': 'Connection log' } })
  #drawn = { version: -1, log: -1, beats: -1 }

  constructor(session: Session) {
    this.#session = session
    const f = this.#facts
    const facts = el(
      'dl',
      { className: 'facts' },
      el('dt', { text: 'status' }),
      f.status,
      el('dt', { text: 'reconnects' }),
      f.reconnects,
      el('dt', { text: 'next attempt' }),
      f.next,
      el('dt', { text: 'heartbeats' }),
      f.heartbeats,
    )
    const chart = el(
      'div',
      { className: 'chart' },
      el('div', { className: 'muted', text: 'Heartbeat round trip' }),
    )
    chart.append(this.#chart.element)
    // Each side scrolls on its own inside the row the grid gives it, so a long log or a
    // short panel never pushes content past the panel's edges or under its tab bar.
    const left = el('div', { className: 'side' }, facts, chart)
    const right = el(
      'div',
      { className: 'scroll', attrs: { 'data-testid': 'connection-log' } },
      this.#log,
    )
    this.element = el(
      'div',
      { className: 'view', attrs: { 'data-view': 'connection' } },
      el('div', { className: 'connection' }, left, right),
    )
  }

  render(): void {
    const s = this.#session
    if (this.#drawn.version === s.version) return
    this.#drawn.version = s.version
    const c = s.connection
    const f = this.#facts
    setText(f.status, c.status)
    setText(f.reconnects, String(c.reconnects))
    setText(
      f.next,
      c.nextAttempt
        ? `#${c.nextAttempt.attempt} after ${Math.round(c.nextAttempt.delayMs)} ms`
        : '—',
    )
    setText(f.heartbeats, `${c.heartbeats.size} measured`)
    if (c.heartbeats.total !== this.#drawn.beats) {
      this.#drawn.beats = c.heartbeats.total
      this.#chart.draw(c.heartbeats.toArray())
    }
    if (c.log.total !== this.#drawn.log) {
      this.#drawn.log = c.log.total
      const items = c.log.toArray().slice(-LOG_SHOWN).reverse()
      this.#log.replaceChildren(...items.map(logLine))
    }
  }
}

function logLine(item: ConnectionLogItem): HTMLElement {
  const line = el(
    'li',
    {},
    el('span', { className: 'time', text: `${formatTime(item.time)}  ` }),
    item.text,
  )
  line.dataset.what = item.what
  return line
}
