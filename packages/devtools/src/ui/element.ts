type Child = Node | string | null | undefined | false

/**
 * Properties of {@link el}. There is deliberately no way to set HTML: text goes through
 * `textContent` and text nodes, so a payload like `<img onerror=…>` is shown, never run.
 *
 * @example
 * ```ts
 * el('button', { className: 'primary', text: 'Export', on: { click: save } })
 * ```
 */
export interface ElementProps {
  className?: string
  text?: string
  title?: string
  attrs?: Record<string, string>
  on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>
}

/**
 * Creates an element with properties and children (strings become text nodes).
 *
 * @example
 * ```ts
 * const row = el('div', { className: 'row' }, el('span', { text: payload }))
 * ```
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (props.className) node.className = props.className
  if (props.text !== undefined) node.textContent = props.text
  if (props.title) node.title = props.title
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    // Inline handlers are HTML by another name; refuse them.
    if (name.toLowerCase().startsWith('on')) throw new Error(`el: refusing attribute ${name}`)
    node.setAttribute(name, value)
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    node.addEventListener(type, listener as EventListener)
  }
  for (const child of children) if (child) node.append(child)
  return node
}

/**
 * Sets an element's text only when it changed, so redraws of unchanged rows cost no
 * layout work.
 *
 * @example
 * ```ts
 * setText(cell, `${count}`)
 * ```
 */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text
}

/**
 * The column headings above a virtualized list, laid out on the same grid as its rows.
 *
 * @example
 * ```ts
 * view.append(columnHeads(['time', 'kind', 'type']), list.element)
 * ```
 */
export function columnHeads(names: string[]): HTMLElement {
  const heads = names.map((name) => el('span', { text: name }))
  return el('div', { className: 'columns', attrs: { 'aria-hidden': 'true' } }, ...heads)
}
