import type { InspectEntry } from '@wirestate/core'
import { importSession, SessionFileError } from '../model/session-file.ts'
import type { DevtoolsClient } from '../options.ts'
import { el } from './element.ts'

/**
 * What the controls act on: the client, and the panel that exports and loads sessions.
 *
 * @example
 * ```ts
 * new Controls({ client, exportJson: () => exportSession(session.entries()), load, report })
 * ```
 */
export interface ControlsHost {
  client: DevtoolsClient
  /** The redacted JSON of the session on screen. */
  exportJson(): string
  /** Shows entries read from a file. */
  load(entries: InspectEntry[], fileName: string): void
  /** Shows a message to the user (a file that is not a session, a failed reconnect). */
  report(message: string): void
}

/**
 * The panel's buttons: simulate offline (drop the socket and keep it down until clicked
 * again), reconnect now, export the session as redacted JSON, and load an exported file.
 *
 * Offline uses the client's `simulateOffline()`: the socket drops as on a lost network,
 * the status reads `reconnecting` while held down, and it reconnects at once on release.
 * A client without it falls back to `disconnect()` / `connect()` (status `disconnected`).
 *
 * @example
 * ```ts
 * header.append(new Controls(host).element)
 * ```
 */
export class Controls {
  readonly element: HTMLElement
  #host: ControlsHost
  #offline = el('button', {
    text: 'Simulate offline',
    attrs: { type: 'button', 'aria-pressed': 'false' },
  })
  #reconnect = el('button', { text: 'Reconnect now', attrs: { type: 'button' } })
  #file = el('input', { attrs: { type: 'file', accept: '.json,application/json', hidden: '' } })

  constructor(host: ControlsHost) {
    this.#host = host
    this.#offline.addEventListener('click', () =>
      this.#setOffline(this.#offline.getAttribute('aria-pressed') !== 'true'),
    )
    this.#reconnect.addEventListener('click', () => this.#reconnectNow())
    this.#file.addEventListener('change', () => void this.#loadFile())
    const exportButton = el('button', {
      text: 'Export',
      title: 'Download this session as JSON, secrets redacted',
      attrs: { type: 'button' },
      on: { click: () => this.#export() },
    })
    const importButton = el('button', {
      text: 'Import',
      title: 'View an exported session',
      attrs: { type: 'button' },
      on: { click: () => this.#file.click() },
    })
    this.element = el(
      'span',
      { className: 'tabs' },
      this.#offline,
      this.#reconnect,
      exportButton,
      importButton,
      this.#file,
    )
  }

  /** Enables the client buttons for the live session, disables them for a loaded file. */
  setLive(live: boolean): void {
    this.#offline.disabled = !live
    this.#reconnect.disabled = !live
  }

  #setOffline(offline: boolean): void {
    this.#showOffline(offline)
    const { client } = this.#host
    this.#attempt(() => {
      if (client.simulateOffline) client.simulateOffline(offline)
      else if (offline) client.disconnect()
      else client.connect()
    })
  }

  #showOffline(offline: boolean): void {
    this.#offline.setAttribute('aria-pressed', String(offline))
    this.#offline.textContent = offline ? 'Go online' : 'Simulate offline'
  }

  #reconnectNow(): void {
    this.#showOffline(false)
    // Drop whatever socket there is (or the backoff wait) and open a new one at once.
    this.#attempt(() => {
      this.#host.client.disconnect()
      this.#host.client.connect()
    })
  }

  #attempt(action: () => void): void {
    try {
      action()
    } catch (error) {
      this.#host.report(
        `The client refused: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }

  #export(): void {
    const blob = new Blob([this.#host.exportJson()], { type: 'application/json' })
    const url = URL.createObjectURL(blob)
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const link = el('a', { attrs: { href: url, download: `wirestate-session-${stamp}.json` } })
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }

  async #loadFile(): Promise<void> {
    const file = this.#file.files?.[0]
    this.#file.value = ''
    if (!file) return
    try {
      this.#host.load(importSession(await file.text()), file.name)
    } catch (error) {
      const why = error instanceof SessionFileError ? error.message : String(error)
      this.#host.report(`Could not load ${file.name}: ${why}`)
    }
  }
}
