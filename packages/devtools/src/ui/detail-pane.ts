import { el } from './element.ts'

/**
 * The pane under a list that shows the selected row in full: a one-line heading, an
 * optional action (jump to the linked frame) and pretty-printed, redacted JSON, all as text.
 *
 * @example
 * ```ts
 * const detail = new DetailPane(() => list.select(''))
 * detail.show('PushMessage room:1', prettyJson(entry, keys))
 * ```
 */
export class DetailPane {
  readonly element: HTMLElement
  #what = el('span', { className: 'what' })
  #action = el('button', { attrs: { type: 'button' } })
  #body = el('pre', { attrs: { 'data-testid': 'detail' } })
  #onAction: (() => void) | undefined

  constructor(onClose: () => void) {
    const close = el('button', {
      text: '×',
      title: 'Close',
      attrs: { type: 'button', 'aria-label': 'Close details' },
      on: {
        click: () => {
          this.hide()
          onClose()
        },
      },
    })
    this.#action.hidden = true
    this.#action.addEventListener('click', () => this.#onAction?.())
    this.element = el(
      'section',
      { className: 'detail', attrs: { 'aria-label': 'Details' } },
      el('div', { className: 'detail-head' }, this.#what, this.#action, close),
      this.#body,
    )
    this.element.hidden = true
  }

  /** Shows a heading and a body; `action` adds a button (label and what it does). */
  show(what: string, body: string, action?: { label: string; run: () => void }): void {
    this.#what.textContent = what
    this.#body.textContent = body
    this.#action.hidden = !action
    this.#action.textContent = action?.label ?? ''
    this.#onAction = action?.run
    this.element.hidden = false
  }

  hide(): void {
    this.element.hidden = true
  }
}
