import type { InspectEntry } from '@wirestate/core'
import { earlyEntries } from './early-buffer.ts'
import { RingBuffer } from './model/ring-buffer.ts'
import {
  type DevtoolsClient,
  type DevtoolsOptions,
  type PanelUi,
  type ResolvedDevtoolsOptions,
  resolveDevtoolsOptions,
} from './options.ts'
import { adoptStyles, SHELL_CSS } from './shell-styles.ts'

/**
 * The devtools panel as a plain class, for any framework or none: `mount(el)` renders a
 * toggle (or an inline panel) in a shadow root inside `el`, `unmount()` removes it and
 * stops listening. The panel UI is a separate chunk, loaded on the first `open()`; until
 * then the entry only keeps a bounded backlog of inspect entries (see
 * `recordWhileClosed`).
 *
 * This class always renders, also in production builds; the package's main entry exports
 * a subclass that renders nothing there.
 *
 * @example
 * ```ts
 * const panel = new DevtoolsPanel(client, { initialOpen: true }).mount(document.body)
 * // later
 * panel.unmount()
 * ```
 */
export class DevtoolsPanel {
  #client: DevtoolsClient
  #options: ResolvedDevtoolsOptions
  #host: HTMLElement | undefined
  #frame: HTMLElement | undefined
  #toggle: HTMLButtonElement | undefined
  #backlog: RingBuffer<InspectEntry> | undefined
  #stopInspect: (() => void) | undefined
  #ui: PanelUi | undefined
  #loading: Promise<void> | undefined
  #open = false

  constructor(client: DevtoolsClient, options: DevtoolsOptions = {}) {
    this.#client = client
    this.#options = resolveDevtoolsOptions(options)
  }

  /** Whether the panel is open (its UI shown). */
  get isOpen(): boolean {
    return this.#open
  }

  /** Renders into `target` (default `document.body`); returns the panel. Mount once. */
  mount(target: Element = document.body): this {
    if (this.#host) throw new Error('wirestate devtools: already mounted; call unmount() first')
    const o = this.#options
    const inline = o.position === 'inline'
    const host = document.createElement('wirestate-devtools')
    // Inline styles outrank the page's own rules for the host element itself.
    host.style.cssText = inline ? 'all:initial;display:block;height:100%' : 'all:initial'
    const root = host.attachShadow({ mode: 'open' })
    adoptStyles(root, SHELL_CSS)
    const frame = document.createElement('div')
    frame.className = `frame ${inline ? 'inline' : o.position.startsWith('top') ? 'at-top' : 'at-bottom'}`
    frame.hidden = true
    frame.setAttribute('aria-label', 'wirestate devtools')
    if (!inline) root.append(this.#createToggle(o.position))
    root.append(frame)
    this.#host = host
    this.#frame = frame
    this.#backlog = new RingBuffer(o.capacity + o.frameCapacity)
    if (o.recordWhileClosed) this.#listen()
    target.append(host)
    if (inline || o.initialOpen) void this.open()
    return this
  }

  /** Opens the panel, loading its UI on the first call; resolves once it is shown. */
  open(): Promise<void> {
    if (!this.#frame) return Promise.resolve()
    this.#open = true
    this.#frame.hidden = false
    this.#toggle?.setAttribute('aria-expanded', 'true')
    this.#listen()
    if (this.#ui) {
      this.#ui.show()
      return Promise.resolve()
    }
    this.#loading ??= this.#load()
    return this.#loading
  }

  /** Hides the panel; it keeps recording, and opens again where it was. */
  close(): void {
    this.#open = false
    this.#ui?.hide()
    if (this.#frame) this.#frame.hidden = true
    this.#toggle?.setAttribute('aria-expanded', 'false')
  }

  /** Opens a closed panel, closes an open one. */
  toggle(): Promise<void> {
    if (this.#open) {
      this.close()
      return Promise.resolve()
    }
    return this.open()
  }

  /** Removes everything it rendered and stops listening to the client. */
  unmount(): void {
    this.#stopInspect?.()
    this.#stopInspect = undefined
    this.#ui?.destroy()
    this.#host?.remove()
    this.#ui = this.#host = this.#frame = this.#toggle = this.#backlog = undefined
    this.#loading = undefined
    this.#open = false
  }

  #createToggle(position: string): HTMLButtonElement {
    const toggle = document.createElement('button')
    toggle.type = 'button'
    toggle.className = `toggle ${position}`
    toggle.setAttribute('aria-expanded', 'false')
    toggle.title = 'wirestate devtools'
    const dot = document.createElement('span')
    dot.className = 'dot'
    toggle.append(dot, 'wirestate')
    toggle.dataset.status = this.#client.$status?.get().status ?? 'unknown'
    toggle.addEventListener('click', () => void this.toggle())
    this.#toggle = toggle
    return toggle
  }

  #listen(): void {
    if (this.#stopInspect) return
    // What the client did before anyone listened (kept since devtools was imported).
    for (const entry of earlyEntries(this.#client)) this.#backlog?.push(entry)
    this.#stopInspect = this.#client.inspect((entry) => {
      if (entry.kind === 'event' && entry.event.type === 'StatusChanged' && this.#toggle) {
        this.#toggle.dataset.status = entry.event.status.status
      }
      if (this.#ui) this.#ui.ingest(entry)
      else this.#backlog?.push(entry)
    })
  }

  async #load(): Promise<void> {
    const frame = this.#frame as HTMLElement
    const loading = document.createElement('div')
    loading.className = 'loading'
    loading.textContent = 'Loading wirestate devtools…'
    frame.append(loading)
    try {
      const { createPanelUi } = await import('./ui/panel-ui.ts')
      // Unmounted (or remounted) while the chunk loaded: this frame is gone.
      if (this.#frame !== frame) return
      loading.remove()
      this.#ui = createPanelUi({
        client: this.#client,
        container: frame,
        options: this.#options,
        backlog: this.#backlog?.toArray() ?? [],
        close: () => this.close(),
      })
      this.#backlog = undefined
      if (this.#open) this.#ui.show()
    } catch (error) {
      loading.textContent = `wirestate devtools failed to load: ${String(error)}`
      this.#loading = undefined
    }
  }
}
