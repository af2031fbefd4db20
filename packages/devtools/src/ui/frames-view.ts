import type { FrameRecord } from '../model/record.ts'
import type { Session } from '../model/session.ts'
import { DetailPane } from './detail-pane.ts'
import { columnHeads, el, setText } from './element.ts'
import { formatBytes, formatTime, parseFrame, prettyJson } from './format.ts'
import { VirtualList } from './virtual-list.ts'

const ROW_HEIGHT = 20

/**
 * Raw frames in and out with their size, topic, event and ref; a push and its reply are
 * linked, with the round trip shown on both, and the detail pane jumps between them.
 *
 * @example
 * ```ts
 * const view = new FramesView(session, schedule)
 * body.append(view.element)
 * ```
 */
export class FramesView {
  readonly element: HTMLElement
  #session: Session
  #list: VirtualList<FrameRecord>
  #detail: DetailPane
  #count = el('span', { className: 'count' })
  #drawn = { version: -1, removed: 0 }
  #changed = true
  #schedule: () => void

  constructor(session: Session, schedule: () => void) {
    this.#session = session
    this.#schedule = schedule
    this.#list = new VirtualList<FrameRecord>({
      rowHeight: ROW_HEIGHT,
      createRow,
      renderRow,
      keyOf: (record) => String(record.seq),
      // A reply arriving later changes the push's row.
      stateOf: (record) => String(record.pair?.seq ?? ''),
      onSelect: (record) => this.#select(record),
      onViewportChanged: () => {
        this.#changed = true
        schedule()
      },
    })
    this.#detail = new DetailPane(() => this.#select(undefined))
    const hint = 'Raw frames, newest last. Click one for its JSON; a push links to its reply.'
    const toolbar = el(
      'div',
      { className: 'toolbar' },
      el('span', { className: 'muted', text: hint }),
      this.#count,
    )
    const columns = columnHeads(['time', 'dir', 'size', 'topic', 'event', 'ref', 'round trip'])
    this.element = el(
      'div',
      { className: 'view frames', attrs: { 'data-view': 'frames' } },
      toolbar,
      columns,
      this.#list.element,
      this.#detail.element,
    )
  }

  render(): void {
    const s = this.#session
    if (!this.#changed && this.#drawn.version === s.version) return
    this.#changed = false
    this.#drawn.version = s.version
    const removed = s.frames.total - s.frames.size
    const evicted = Math.max(0, removed - this.#drawn.removed)
    this.#drawn.removed = removed
    this.#list.update(s.frames.size, (i) => s.frames.at(i), evicted)
    setText(this.#count, `${s.frames.size} frames`)
  }

  #select(record: FrameRecord | undefined): void {
    this.#list.select(record ? String(record.seq) : '')
    if (record) this.#show(record)
    else this.#detail.hide()
    this.#changed = true
    this.#schedule()
  }

  #show(record: FrameRecord): void {
    const { direction, size, topic, event, ref, pair } = record
    const what = [
      direction === 'out' ? '↑ out' : '↓ in',
      formatBytes(size),
      topic,
      event,
      ref ? `ref ${ref}` : '',
    ]
      .filter(Boolean)
      .join(' · ')
    const linked = pair && this.#session.frameIndex(pair.seq)
    const action =
      pair && linked !== undefined && linked >= 0
        ? {
            label: `${direction === 'out' ? 'Reply' : 'Push'} · ${pair.rttMs} ms →`,
            run: () => {
              const other = this.#session.frames.at(linked) as FrameRecord
              this.#list.reveal(linked)
              this.#select(other)
            },
          }
        : undefined
    const rtt = pair ? ` · round trip ${pair.rttMs} ms` : ''
    this.#detail.show(
      `${what}${rtt} · ${formatTime(record.time)}`,
      prettyJson(parseFrame(record.frame), this.#session.secretKeys),
      action,
    )
  }
}

function createRow(): HTMLElement {
  const cell = (className: string) => el('span', { className })
  return el(
    'div',
    {},
    cell('time'),
    cell('dir'),
    cell('size'),
    cell('topic'),
    cell('event'),
    cell('ref'),
    cell('rtt'),
  )
}

function renderRow(row: HTMLElement, record: FrameRecord): void {
  const [time, dir, size, topic, event, ref, rtt] = row.children as unknown as HTMLElement[]
  row.dataset.direction = record.direction
  row.dataset.seq = String(record.seq)
  setText(time as HTMLElement, formatTime(record.time))
  setText(dir as HTMLElement, record.direction === 'out' ? '↑ out' : '↓ in')
  setText(size as HTMLElement, formatBytes(record.size))
  setText(topic as HTMLElement, record.topic)
  setText(event as HTMLElement, record.event || (typeof record.frame === 'string' ? '' : 'binary'))
  setText(ref as HTMLElement, record.ref ?? '')
  setText(rtt as HTMLElement, record.pair ? `↔ ${record.pair.rttMs} ms` : '')
}
