import type { ChannelSummary } from '../model/channels.ts'
import type { Session } from '../model/session.ts'
import { DetailPane } from './detail-pane.ts'
import { el, setText } from './element.ts'
import { compactJson, formatTime, prettyJson } from './format.ts'

const COLUMNS = ['topic', 'state', 'joins', 'in', 'out', 'last activity', 'params', 'present']

/**
 * Every channel with its state, join count, messages in and out, last activity and
 * params (secrets redacted); a click shows its presence members and full params.
 *
 * @example
 * ```ts
 * const view = new ChannelsView(session, schedule)
 * body.append(view.element)
 * ```
 */
export class ChannelsView {
  readonly element: HTMLElement
  #session: Session
  #rows = new Map<string, HTMLTableRowElement>()
  #tbody = el('tbody')
  #empty = el('p', { className: 'empty', text: 'No channel yet: join one and it shows here.' })
  #detail: DetailPane
  #selected = ''
  #drawnVersion = -1
  #schedule: () => void

  constructor(session: Session, schedule: () => void) {
    this.#session = session
    this.#schedule = schedule
    this.#detail = new DetailPane(() => this.#select(''))
    const head = el(
      'tr',
      {},
      ...COLUMNS.map((name) => el('th', { text: name, attrs: { scope: 'col' } })),
    )
    const table = el(
      'table',
      { attrs: { 'aria-label': 'Channels' } },
      el('thead', {}, head),
      this.#tbody,
    )
    this.#tbody.addEventListener('click', (event) => {
      const row = (event.target as Element).closest('tr')
      if (row?.dataset.topic !== undefined) this.#select(row.dataset.topic)
    })
    const scroll = el('div', { className: 'scroll' }, this.#empty, table)
    this.element = el(
      'div',
      { className: 'view channels', attrs: { 'data-view': 'channels' } },
      scroll,
      this.#detail.element,
    )
  }

  render(): void {
    if (this.#drawnVersion === this.#session.version) return
    this.#drawnVersion = this.#session.version
    const channels = this.#session.channels.list()
    this.#empty.hidden = channels.length > 0
    for (const channel of channels) this.#renderRow(channel)
    if (this.#selected) this.#showDetail()
  }

  #renderRow(c: ChannelSummary): void {
    let row = this.#rows.get(c.topic)
    if (!row) {
      row = el('tr', {}, ...COLUMNS.map(() => el('td')))
      row.dataset.topic = c.topic
      this.#rows.set(c.topic, row)
      this.#tbody.append(row)
    }
    const cells = row.children as HTMLCollectionOf<HTMLElement>
    const state = c.reason ? `${c.state} (${c.reason})` : c.state
    const values = [
      c.topic,
      state,
      String(c.joins),
      String(c.messagesIn),
      String(c.messagesOut),
      c.lastActivity ? formatTime(c.lastActivity) : '',
      compactJson(c.params, this.#session.secretKeys, 120),
      String(c.presence.size),
    ]
    for (const [i, value] of values.entries()) setText(cells[i] as HTMLElement, value)
    const stateCell = cells[1] as HTMLElement
    stateCell.className = 'state'
    stateCell.dataset.state = c.state
    row.classList.toggle('selected', c.topic === this.#selected)
  }

  #select(topic: string): void {
    this.#selected = topic
    for (const [t, row] of this.#rows) row.classList.toggle('selected', t === topic)
    if (topic) this.#showDetail()
    else this.#detail.hide()
    this.#schedule()
  }

  #showDetail(): void {
    const c = this.#session.channels.get(this.#selected)
    if (!c) return
    const members = Object.fromEntries(c.presence)
    const body = `params ${prettyJson(c.params ?? null, this.#session.secretKeys)}\n\npresence (${c.presence.size}) ${prettyJson(members, this.#session.secretKeys)}`
    this.#detail.show(`${c.topic} · ${c.state}`, body)
  }
}
