import type { TimelineRecord } from '../model/record.ts'
import type { Session } from '../model/session.ts'
import { TimelineQuery } from '../model/timeline-query.ts'
import { DetailPane } from './detail-pane.ts'
import { columnHeads, el, setText } from './element.ts'
import { formatTime, prettyJson } from './format.ts'
import { summarize } from './summarize.ts'
import { VirtualList } from './virtual-list.ts'

const ROW_HEIGHT = 20

/**
 * The timeline: commands and events in order, coloured by kind, filtered by topic, type
 * and text, with pause and clear, in a virtualized list; a click shows the entry in full.
 *
 * @example
 * ```ts
 * const view = new TimelineView(session, schedule)
 * body.append(view.element)
 * view.render() // once per animation frame, when something changed
 * ```
 */
export class TimelineView {
  readonly element: HTMLElement
  #session: Session
  #query: TimelineQuery
  #list: VirtualList<TimelineRecord>
  #detail: DetailPane
  #topic = el('select', { attrs: { 'aria-label': 'Topic' } })
  #type = el('select', { attrs: { 'aria-label': 'Type' } })
  #search = el('input', {
    attrs: { type: 'search', placeholder: 'Search', 'aria-label': 'Search' },
  })
  #pause = el('button', { text: 'Pause', attrs: { type: 'button', 'aria-pressed': 'false' } })
  #count = el('span', { className: 'count', attrs: { 'aria-live': 'off' } })
  #drawn = { version: -1, removed: 0, topics: -1, types: -1 }
  #changed = true
  #schedule: () => void

  constructor(session: Session, schedule: () => void) {
    this.#session = session
    this.#schedule = schedule
    this.#query = new TimelineQuery(session.timeline)
    this.#list = new VirtualList<TimelineRecord>({
      rowHeight: ROW_HEIGHT,
      createRow,
      renderRow: (row, record) => this.#renderRow(row, record),
      keyOf: (record) => String(record.seq),
      onSelect: (record) => this.#select(record),
      onViewportChanged: this.#redraw,
    })
    this.#detail = new DetailPane(() => this.#select(undefined))
    const columns = columnHeads(['time', 'kind', 'type', 'topic', 'details'])
    this.element = el(
      'div',
      { className: 'view timeline', attrs: { 'data-view': 'timeline' } },
      this.#toolbar(),
      columns,
      this.#list.element,
      this.#detail.element,
    )
  }

  /** Draws what changed since the last call; cheap when nothing did. */
  render(): void {
    const s = this.#session
    if (!this.#changed && this.#drawn.version === s.version) return
    this.#changed = false
    this.#drawn.version = s.version
    this.#syncOptions()
    const query = this.#query
    query.refresh()
    const removed = query.removed
    const evicted = Math.max(0, removed - this.#drawn.removed)
    this.#drawn.removed = removed
    this.#list.update(query.count, (i) => query.at(i), evicted)
    const total = s.timeline.size
    setText(this.#count, query.active ? `${query.count} of ${total}` : `${total} entries`)
  }

  #redraw = (): void => {
    this.#changed = true
    this.#schedule()
  }

  #toolbar(): HTMLElement {
    const refilter = () => {
      const [topic, type, text] = [this.#topic.value, this.#type.value, this.#search.value]
      this.#query.setFilter({ topic, type, text })
      this.#drawn.removed = 0
      this.#redraw()
    }
    this.#topic.addEventListener('change', refilter)
    this.#type.addEventListener('change', refilter)
    this.#search.addEventListener('input', refilter)
    this.#pause.addEventListener('click', () => this.#togglePause())
    const clear = el('button', {
      text: 'Clear',
      attrs: { type: 'button' },
      on: { click: () => this.#session.clear() },
    })
    const controls = [this.#topic, this.#type, this.#search, this.#pause, clear, this.#count]
    return el('div', { className: 'toolbar' }, ...controls)
  }

  #renderRow(row: HTMLElement, record: TimelineRecord): void {
    const [time, kind, type, topic, summary] = row.children as unknown as HTMLElement[]
    row.dataset.tone = record.tone
    row.dataset.seq = String(record.seq)
    setText(time as HTMLElement, formatTime(record.time))
    setText(kind as HTMLElement, record.kind === 'command' ? 'CMD' : 'EVT')
    setText(type as HTMLElement, record.type)
    setText(topic as HTMLElement, record.topic)
    setText(summary as HTMLElement, summarize(record, this.#session.secretKeys))
  }

  #select(record: TimelineRecord | undefined): void {
    this.#list.select(record ? String(record.seq) : '')
    if (record) {
      const what = `${record.kind} ${record.type}${record.topic ? ` · ${record.topic}` : ''} · ${formatTime(record.time)}`
      this.#detail.show(what, prettyJson(record.entry, this.#session.secretKeys))
    } else this.#detail.hide()
    this.#redraw()
  }

  #togglePause(): void {
    const s = this.#session
    s.paused = !s.paused
    this.#pause.textContent = s.paused ? 'Resume' : 'Pause'
    this.#pause.setAttribute('aria-pressed', String(s.paused))
    this.#redraw()
  }

  /** Rebuilds the topic and type menus when new ones were seen, keeping the choice. */
  #syncOptions(): void {
    const s = this.#session
    if (s.topics.size !== this.#drawn.topics) {
      this.#drawn.topics = s.topics.size
      fillSelect(this.#topic, 'All topics', s.topics)
    }
    if (s.types.size !== this.#drawn.types) {
      this.#drawn.types = s.types.size
      fillSelect(this.#type, 'All types', s.types)
    }
  }
}

function createRow(): HTMLElement {
  const cell = (className: string) => el('span', { className })
  return el('div', {}, cell('time'), cell('kind'), cell('type'), cell('topic'), cell('summary'))
}

function fillSelect(select: HTMLSelectElement, all: string, values: Set<string>): void {
  const chosen = select.value
  const options = [el('option', { text: all, attrs: { value: '' } })]
  for (const value of [...values].sort())
    options.push(el('option', { text: value, attrs: { value } }))
  select.replaceChildren(...options)
  // A chosen value that was cleared away stays chosen: the filter does not jump.
  if (chosen && !values.has(chosen))
    select.append(el('option', { text: chosen, attrs: { value: chosen } }))
  select.value = chosen
}
