import { el } from './element.ts'

/**
 * How a {@link VirtualList} makes and fills its rows.
 *
 * @example
 * ```ts
 * const options: VirtualListOptions<Row> = { rowHeight: 20, createRow, renderRow, onSelect }
 * ```
 */
export interface VirtualListOptions<T> {
  rowHeight: number
  /** Makes an empty row element; rows are pooled and reused as the list scrolls. */
  createRow(): HTMLElement
  /** Fills a row for an item; called only when the row shows a different item or state. */
  renderRow(row: HTMLElement, item: T): void
  /** The item's identity (its seq), for selection. */
  keyOf(item: T): string
  /** What else a row shows that can change later (a reply found); redraws when it does. */
  stateOf?(item: T): string
  onSelect(item: T): void
  /**
   * What the list can show changed: it scrolled, or its box was resized (shown after
   * being hidden, detached and attached again with another tab, the panel resized). The
   * owner schedules a redraw.
   */
  onViewportChanged(): void
}

const OVERSCAN = 6

/**
 * A list of thousands of fixed-height rows that keeps only the visible ones (plus a few)
 * in the DOM, repositioned as it scrolls. It follows the newest row while scrolled to the
 * bottom, like a log; scrolled up, it holds still even as old rows are evicted above.
 *
 * @example
 * ```ts
 * const list = new VirtualList(options)
 * parent.append(list.element)
 * list.update(query.count, (i) => query.at(i), evicted)
 * ```
 */
export class VirtualList<T> {
  readonly element: HTMLElement
  /** Whether it sticks to the newest row. */
  follow = true
  #spacer: HTMLElement
  #rows: HTMLElement[] = []
  #items: (T | undefined)[] = []
  #o: VirtualListOptions<T>
  #selectedKey = ''
  #selectedIndex = -1
  #first = 0
  #count = 0
  #at: (index: number) => T | undefined = () => undefined

  constructor(options: VirtualListOptions<T>) {
    this.#o = options
    this.#spacer = el('div', { className: 'spacer' })
    this.element = el(
      'div',
      { className: 'list', attrs: { role: 'list', tabindex: '0' } },
      this.#spacer,
    )
    this.element.addEventListener('scroll', () => {
      const e = this.element
      this.follow = e.scrollTop + e.clientHeight >= e.scrollHeight - options.rowHeight
      options.onViewportChanged()
    })
    // Rows are placed for the height measured when they were drawn. A hidden list (or one
    // off the page) measures 0 and loses its scroll offset, and nothing else would draw it
    // again once it shows if no entry arrives: a size change is a reason to redraw.
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => options.onViewportChanged()).observe(this.element)
    }
    this.element.addEventListener('click', (event) => {
      const row = (event.target as Element).closest<HTMLElement>('.row')
      const slot = row ? this.#rows.indexOf(row) : -1
      const item = this.#items[slot]
      if (item === undefined) return
      this.#selectedIndex = this.#first + slot
      options.onSelect(item)
    })
    this.element.addEventListener('keydown', (event) => this.#step(event))
  }

  /** Arrow keys move the selection, like a listbox; the list scrolls along. */
  #step(event: KeyboardEvent): void {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key]
    if (!step || this.#count === 0) return
    event.preventDefault()
    const from = this.#selectedIndex < 0 ? this.#count : this.#selectedIndex
    const index = Math.min(this.#count - 1, Math.max(0, from + step))
    const item = this.#at(index)
    if (item === undefined) return
    this.#selectedIndex = index
    this.reveal(index)
    this.#o.onSelect(item)
  }

  /** Marks the row with this key as selected (drawn with the `selected` class). */
  select(key: string): void {
    this.#selectedKey = key
    if (!key) this.#selectedIndex = -1
  }

  /** Scrolls so that row `index` is visible (it becomes the selected one), and stops following. */
  reveal(index: number): void {
    this.#selectedIndex = index
    const { rowHeight } = this.#o
    const e = this.element
    if (index * rowHeight < e.scrollTop || (index + 1) * rowHeight > e.scrollTop + e.clientHeight) {
      e.scrollTop = Math.max(0, index * rowHeight - e.clientHeight / 2)
    }
    this.follow = false
  }

  /**
   * Draws `count` rows from `at`. `evicted` is how many rows left the top since the last
   * update, so a list scrolled up keeps showing the same rows.
   */
  update(count: number, at: (index: number) => T | undefined, evicted = 0): void {
    const { rowHeight } = this.#o
    const e = this.element
    const height = count * rowHeight
    this.#spacer.style.height = `${height}px`
    // The scroll range comes from the count, not from the DOM: rows still placed for a
    // longer list (before a filter shrank it) would stretch scrollHeight past the end.
    const viewport = e.clientHeight || 400
    const end = Math.max(0, height - viewport)
    const top = Math.min(end, this.follow ? end : Math.max(0, e.scrollTop - evicted * rowHeight))
    if (Math.abs(e.scrollTop - top) >= 1) e.scrollTop = top
    const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN)
    this.#first = first
    this.#count = count
    this.#at = at
    if (this.#selectedIndex >= 0) this.#selectedIndex -= evicted
    const last = Math.min(count, first + Math.ceil(viewport / rowHeight) + 2 * OVERSCAN)
    this.#ensureRows(last - first)
    for (let i = 0; i < this.#rows.length; i++) {
      this.#draw(
        this.#rows[i] as HTMLElement,
        i,
        first + i < last ? at(first + i) : undefined,
        first + i,
      )
    }
  }

  #draw(row: HTMLElement, slot: number, item: T | undefined, index: number): void {
    this.#items[slot] = item
    if (item === undefined) {
      row.hidden = true
      return
    }
    const key = this.#o.keyOf(item)
    const drawn = `${key}|${key === this.#selectedKey}|${this.#o.stateOf?.(item) ?? ''}`
    row.hidden = false
    row.style.transform = `translateY(${index * this.#o.rowHeight}px)`
    if (row.dataset.drawn === drawn) return
    row.dataset.drawn = drawn
    row.classList.toggle('selected', key === this.#selectedKey)
    this.#o.renderRow(row, item)
  }

  #ensureRows(needed: number): void {
    while (this.#rows.length < needed) {
      const row = this.#o.createRow()
      row.classList.add('row')
      row.setAttribute('role', 'listitem')
      row.style.height = `${this.#o.rowHeight}px`
      this.#rows.push(row)
      this.element.append(row)
    }
  }
}
